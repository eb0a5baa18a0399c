/**
 * The client page: who (within need-to-know), where the trajectory is and what blocks it, the statechart with the
 * current state, the next steps the machine allows (and why the others cannot happen yet), the history with
 * who/when/why, deadlines, actions and the journal. Printable: navigation and forms are left out on paper.
 */
import { useMemo, useRef, useState } from 'react';
import { STAGE_LABELS, type TrajectoryEventType } from '@koers/machines/trajectory';
import { useMe } from '../../auth/session';
import { EventDialog } from '../../events/event-dialog';
import { Link, usePageTitle } from '../../router';
import { EVENT_LABELS, LEGAL_BASIS_LABELS, LIFTER_LABELS } from '../../trajectory/labels';
import { nextSteps } from '../../trajectory/next-steps';
import { TrajectoryStatechart } from '../../trajectory/statechart';
import {
  blockersOf,
  type ClientDetail,
  type DeadlineView,
  snapshotOf,
} from '../../trajectory/trajectory-view';
import { Alert, Button, ErrorAlert, Heading, Loading, Paragraph, StatusBadge } from '../../ui/components';
import { formatDate, formatDays } from '../../ui/format';
import { useApi } from '../../ui/use-api';
import { type ActionView, ActionsSection, DeadlinesSection } from './deadlines-section';
import { HistoryTimeline } from './history-timeline';
import { JournalSection } from './journal-section';
import { NextStepsPanel } from './next-steps-panel';
import './client-page.css';

type Notice = { kind: 'ok' | 'conflict'; text: string } | null;

export function ClientPage({ id }: { id: string }) {
  const me = useMe();
  const client = useApi<ClientDetail>(`/clients/${id}`);
  const deadlines = useApi<DeadlineView[]>(`/clients/${id}/deadlines`);
  const actions = useApi<ActionView[]>(`/clients/${id}/actions`);
  const [open, setOpen] = useState<TrajectoryEventType | null>(null);
  const [notice, setNotice] = useState<Notice>(null);
  const noticeRef = useRef<HTMLDivElement>(null);
  const [journalTick, setJournalTick] = useState(0);

  const name = client.data?.client.displayName;
  usePageTitle(name ? `Cliënt ${name}` : 'Cliënt');

  const trajectory = client.data?.trajectory;
  const snapshot = useMemo(() => (trajectory ? snapshotOf(trajectory) : null), [trajectory]);
  const steps = useMemo(
    () =>
      snapshot && trajectory
        ? nextSteps(
            snapshot,
            trajectory.allowedEvents,
            trajectory.blockedEvents.map((b) => b.type),
          )
        : [],
    [snapshot, trajectory],
  );

  const reloadAll = () => {
    client.reload();
    deadlines.reload();
    actions.reload();
    setJournalTick((n) => n + 1);
  };
  const announce = (next: Notice) => {
    setNotice(next);
    // After the dialog has closed and returned focus: the message is where the keyboard user continues.
    setTimeout(() => noticeRef.current?.focus(), 0);
  };

  if (!client.data && client.loading) return <Loading what="De gegevens van de cliënt" />;
  if (!client.data || !trajectory || !snapshot) {
    return (
      <>
        <Heading level={1}>Cliënt</Heading>
        <ErrorAlert error={client.error} />
        <Paragraph>
          <Link className="utrecht-link" href="/">
            Terug naar het bord
          </Link>
        </Paragraph>
      </>
    );
  }

  const detail = client.data;
  const blockers = blockersOf(trajectory, deadlines.data ?? []);
  const place = snapshot.matches({ admission: 'on_leave' })
    ? `${STAGE_LABELS.admission} (met verlof)`
    : snapshot.matches({ admission: 'in_treatment' })
      ? `${STAGE_LABELS.admission} (in behandeling)`
      : trajectory.stageLabel;
  const legalBasis = trajectory.context.legalBasis;
  const closed = trajectory.stage === 'closed';

  return (
    <div className="koers-client">
      <p className="koers-client__back koers-no-print">
        <Link className="utrecht-link" href="/">
          ← Terug naar het bord
        </Link>
      </p>
      <div className="koers-client__header">
        <div>
          <Heading level={1}>{detail.client.displayName}</Heading>
          <ul className="koers-client__facts" aria-label="Kerngegevens">
            <li>
              <span className="koers-client__fact-term">Fase</span>{' '}
              <StatusBadge kind={closed ? 'neutral' : 'warning'}>{place}</StatusBadge>
            </li>
            {!closed && (
              <li>
                <span className="koers-client__fact-term">In deze fase</span>{' '}
                {formatDays(trajectory.daysInStage)}
              </li>
            )}
            <li>
              <span className="koers-client__fact-term">Traject sinds</span> {formatDate(trajectory.openedAt)}
            </li>
            {trajectory.closedAt && (
              <li>
                <span className="koers-client__fact-term">Afgesloten op</span>{' '}
                {formatDate(trajectory.closedAt)}
              </li>
            )}
            {detail.client.birthDate && (
              <li>
                <span className="koers-client__fact-term">Geboren</span>{' '}
                {formatDate(`${detail.client.birthDate}T12:00:00Z`)}
              </li>
            )}
            {legalBasis && (
              <li>
                <span className="koers-client__fact-term">Grondslag</span>{' '}
                {legalBasis.kind === 'consent'
                  ? `${LEGAL_BASIS_LABELS.consent}: ${legalBasis.scope}`
                  : LEGAL_BASIS_LABELS[legalBasis.kind]}
              </li>
            )}
          </ul>
        </div>
        <div className="koers-no-print">
          <Button kind="secondary" onClick={() => window.print()}>
            Afdrukken
          </Button>
        </div>
      </div>

      <div ref={noticeRef} tabIndex={-1} className="koers-client__notice">
        {notice?.kind === 'ok' && <Alert kind="ok">{notice.text}</Alert>}
        {notice?.kind === 'conflict' && <Alert kind="warning">{notice.text}</Alert>}
      </div>
      {client.error !== null && client.data && <ErrorAlert error={client.error} />}

      <section aria-labelledby="knelpunten" className="koers-card">
        <Heading level={2} id="knelpunten">
          Waar loopt het vast?
        </Heading>
        {closed ? (
          <Paragraph>Het traject is afgesloten.</Paragraph>
        ) : blockers.length === 0 ? (
          <Paragraph>Er zijn geen knelpunten: het traject loopt.</Paragraph>
        ) : (
          <ul className="koers-blockers">
            {blockers.map((blocker) => (
              <li key={blocker.code} className="koers-blocker">
                <span className="koers-blocker__message">{blocker.message}</span>
                <span className="koers-blocker__lifter">
                  Op te lossen door: <strong>{LIFTER_LABELS[blocker.liftedBy]}</strong>
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="traject" className="koers-card">
        <Heading level={2} id="traject">
          Het traject
        </Heading>
        <TrajectoryStatechart view={trajectory} snapshot={snapshot} />
      </section>

      {!closed && <NextStepsPanel steps={steps} onOpen={setOpen} />}

      <div className="koers-client__columns">
        <HistoryTimeline entries={trajectory.history ?? []} />
        <div className="koers-client__side">
          <DeadlinesSection deadlines={deadlines} />
          <ActionsSection actions={actions} />
          <JournalSection clientId={id} me={me} tick={journalTick} />
        </div>
      </div>

      {open && (
        <EventDialog
          key={`${open}-${trajectory.version}`}
          type={open}
          clientId={id}
          version={trajectory.version}
          snapshot={snapshot}
          onClose={() => setOpen(null)}
          onSaved={(type) => {
            setOpen(null);
            reloadAll();
            announce({ kind: 'ok', text: savedMessage(type) });
          }}
          onConflict={(message) => {
            setOpen(null);
            reloadAll();
            announce({ kind: 'conflict', text: message });
          }}
        />
      )}
    </div>
  );
}

function savedMessage(type: TrajectoryEventType): string {
  return `Vastgelegd: ${EVENT_LABELS[type].toLowerCase()}.`;
}
