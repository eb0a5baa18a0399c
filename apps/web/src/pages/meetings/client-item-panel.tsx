import { useState } from 'react';
import { IntakeTable } from '../../intake/intake-table';
import { ErrorAlert, Heading, Loading, Paragraph, StatusBadge } from '../../ui/components';
import { formatDateTime } from '../../ui/format';
import { useApi } from '../../ui/use-api';
import { AgendaItemSummary } from './agenda-editor';
import { formatDueDate } from './meeting-time';
import type { ActionView, AgendaItemView, MeetingDetail, RecordView, TeamSetupView } from './meeting-types';
import { ActionForm, CloseActionButton, DecisionForm, NoteForm } from './record-forms';

function RecordItem({ record }: { record: RecordView }) {
  return (
    <li className={`koers-record koers-record--${record.kind}`}>
      <p className="utrecht-paragraph koers-record__kind">
        {record.kind === 'decision'
          ? record.decisionType === 'inclusion'
            ? 'Besluit over insluiting'
            : 'Besluit'
          : 'Notitie'}
        <span className="koers-hint">
          {' '}
          · {record.author.displayName}, {formatDateTime(record.createdAt)}
        </span>
      </p>
      <p className="utrecht-paragraph">{record.text}</p>
      {record.reasons && (
        <p className="utrecht-paragraph koers-record__reasons">Onderbouwing: {record.reasons}</p>
      )}
    </li>
  );
}

export function ActionList({
  actions,
  onClosed,
}: {
  actions: ActionView[];
  /** When set, open actions get a button to report them done. */
  onClosed?: (message: string) => void;
}) {
  return (
    <ul className="koers-records">
      {actions.map((action) => (
        <ActionItem key={action.id} action={action} onClosed={onClosed} />
      ))}
    </ul>
  );
}

function ActionItem({ action, onClosed }: { action: ActionView; onClosed?: (message: string) => void }) {
  return (
    <li className="koers-record koers-record--action">
      <p className="utrecht-paragraph koers-record__kind">
        Actie{' '}
        {action.status === 'done' ? (
          <StatusBadge kind="safe">Afgerond</StatusBadge>
        ) : (
          <StatusBadge kind="warning">Open</StatusBadge>
        )}
      </p>
      <p className="utrecht-paragraph">{action.description}</p>
      <p className="utrecht-paragraph koers-hint">
        Eigenaar: {action.owner.displayName ?? action.owner.partyLabel} · uiterlijk{' '}
        {formatDueDate(action.dueDate)}
        {action.doneAt && ` · afgerond ${formatDateTime(action.doneAt)}`}
      </p>
      {onClosed && action.status === 'open' && <CloseActionButton action={action} onClosed={onClosed} />}
    </li>
  );
}

/** Notes, decisions and actions about one client in one list. */
export function RecordsAndActions({
  records,
  actions,
  onClosed,
}: {
  records: RecordView[];
  actions: ActionView[];
  onClosed?: (message: string) => void;
}) {
  return (
    <ul className="koers-records">
      {records.map((record) => (
        <RecordItem key={record.id} record={record} />
      ))}
      {actions.map((action) => (
        <ActionItem key={action.id} action={action} onClosed={onClosed} />
      ))}
    </ul>
  );
}

type Recording = 'note' | 'decision' | 'action';

/** The client under discussion in meeting mode: what is known, what was recorded, and the forms to record more. */
export function ClientItemPanel({
  meeting,
  item,
  position,
  total,
  team,
  isChair,
  onRecorded,
  onConflict,
}: {
  meeting: MeetingDetail;
  item: AgendaItemView;
  position: number;
  total: number;
  team: TeamSetupView | undefined;
  isChair: boolean;
  onRecorded(message: string): void;
  onConflict(): void;
}) {
  const [recording, setRecording] = useState<Recording>(isChair ? 'decision' : 'note');
  const openActions = useApi<ActionView[]>(`/clients/${item.clientId}/actions`);
  const records = meeting.records.filter((r) => r.clientId === item.clientId);
  const agreed = meeting.actions.filter((a) => a.clientId === item.clientId);
  const earlier = (openActions.data ?? []).filter((a) => a.status === 'open' && a.meetingId !== meeting.id);
  const isNewCase = item.reason === 'new_case' || item.stage === 'signal';
  const recorded = (message: string) => {
    openActions.reload();
    onRecorded(message);
  };
  const choices: { value: Recording; label: string }[] = [
    ...(isChair ? [{ value: 'decision' as const, label: 'Besluit' }] : []),
    ...(isChair ? [{ value: 'action' as const, label: 'Actie' }] : []),
    { value: 'note', label: 'Notitie' },
  ];
  const props = {
    meetingId: meeting.id,
    clientId: item.clientId,
    displayName: item.displayName,
    onRecorded: recorded,
    onConflict: () => {
      openActions.reload();
      onConflict();
    },
  };

  return (
    <section className="koers-item-panel" aria-labelledby="current-item-heading">
      <p className="utrecht-paragraph koers-item-panel__position">
        Onderwerp {position} van {total}
      </p>
      <AgendaItemSummary item={item} headingLevel={2} headingId="current-item-heading" />

      <div className="koers-item-grid">
        <div>
          <Heading level={3}>Vastgelegd in deze vergadering</Heading>
          {records.length === 0 && agreed.length === 0 ? (
            <Paragraph small>Nog niets vastgelegd over {item.displayName}.</Paragraph>
          ) : (
            <RecordsAndActions records={records} actions={agreed} />
          )}
          <Heading level={3}>Openstaande acties uit eerdere vergaderingen</Heading>
          <ErrorAlert error={openActions.error} />
          {openActions.loading && !openActions.data ? (
            <Loading what="Acties" />
          ) : earlier.length === 0 ? (
            <Paragraph small>Geen openstaande acties.</Paragraph>
          ) : (
            <ActionList actions={earlier} onClosed={recorded} />
          )}
        </div>

        <div className="koers-record-box">
          <Heading level={3}>Vastleggen</Heading>
          <div className="koers-toggle" role="group" aria-label="Wat wilt u vastleggen?">
            {choices.map((choice) => (
              <button
                key={choice.value}
                type="button"
                className="koers-toggle__option"
                aria-pressed={recording === choice.value}
                onClick={() => setRecording(choice.value)}
              >
                {choice.label}
              </button>
            ))}
          </div>
          {recording === 'note' && <NoteForm key={`note-${item.clientId}`} {...props} />}
          {recording === 'decision' && isChair && (
            <DecisionForm key={`decision-${item.clientId}`} stage={item.stage} {...props} />
          )}
          {recording === 'action' && isChair && (
            <ActionForm key={`action-${item.clientId}`} team={team} {...props} />
          )}
        </div>
      </div>

      {isNewCase && (
        <>
          <Heading level={3}>Inbreng per partij</Heading>
          <IntakeTable clientId={item.clientId} displayName={item.displayName} />
        </>
      )}
    </section>
  );
}
