import { useMachine } from '@xstate/react';
import { useEffect, useMemo, useRef, useState } from 'react';
import { fromPromise, type Snapshot } from 'xstate';
import { api } from '../../api/api-client';
import {
  formatStopwatch,
  itemOverEstimate,
  type MeetingModeContext,
  meetingModeMachine,
  overBudget,
  spokenMinutes,
} from '../../meeting/meeting-mode.machine';
import { Link } from '../../router';
import { ConfirmDialog } from '../../ui/confirm-dialog';
import {
  Alert,
  Button,
  ButtonGroup,
  Checkbox,
  ErrorAlert,
  Fieldset,
  Heading,
  Paragraph,
  StatusBadge,
  Table,
} from '../../ui/components';
import { formatDateTime } from '../../ui/format';
import { AgendaEditor } from './agenda-editor';
import { ClientItemPanel, RecordsAndActions } from './client-item-panel';
import { formatDueDate } from './meeting-time';
import type {
  AgendaItemView,
  AgendaView,
  MeetingDetail,
  ParticipantView,
  TeamSetupView,
} from './meeting-types';

const storageKey = (meetingId: string) => `koers.meetingMode.${meetingId}`;

/** Meeting mode survives a look at a client's file (same tab): its snapshot is plain data in sessionStorage. */
function storedSnapshot(meetingId: string): Snapshot<unknown> | undefined {
  try {
    const raw = sessionStorage.getItem(storageKey(meetingId));
    const stored = raw ? JSON.parse(raw) : undefined;
    // Only a running meeting of this statechart's shape (a stale or foreign value starts afresh).
    const running =
      stored?.status === 'active' &&
      (stored.value === 'wrapUp' || typeof stored.value?.inProgress === 'string') &&
      Array.isArray(stored.context?.items) &&
      Array.isArray(stored.context?.itemElapsedMs);
    return running ? (stored as Snapshot<unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function participantsOf(team: TeamSetupView | undefined): ParticipantView[] {
  const seen = new Map<string, ParticipantView>();
  for (const list of Object.values(team?.participants ?? {})) {
    for (const person of list) if (!seen.has(person.userId)) seen.set(person.userId, person);
  }
  return [...seen.values()];
}

/** A bar for the stopwatch: decoration (aria-hidden); the numbers beside it say the same. */
function TimeBar({ used, budget }: { used: number; budget: number }) {
  const over = used > budget;
  return (
    <svg className="koers-time-budget__bar" viewBox="0 0 100 6" preserveAspectRatio="none" aria-hidden="true">
      <rect x="0" y="0" width="100" height="6" className="koers-time-budget__track" />
      <rect
        x="0"
        y="0"
        width={Math.min(1, budget > 0 ? used / budget : 1) * 100}
        height="6"
        className={over ? 'koers-time-budget__fill koers-time-budget__fill--over' : 'koers-time-budget__fill'}
      />
    </svg>
  );
}

function MeetingTimer({
  context,
  item,
  paused,
  wrapUp,
}: {
  context: MeetingModeContext;
  item: AgendaItemView | undefined;
  paused: boolean;
  wrapUp: boolean;
}) {
  const itemMs = wrapUp ? 0 : (context.itemElapsedMs[context.current] ?? 0);
  const estimateMs = (context.items[context.current]?.estimateMinutes ?? 0) * 60_000;
  const itemOver = !wrapUp && itemOverEstimate(context);
  const meetingOver = overBudget(context);
  const warnings = [
    itemOver && item
      ? `${item.displayName} duurt langer dan de geschatte ${spokenMinutes(estimateMs)}.`
      : null,
    meetingOver ? `De vergadering duurt langer dan ${spokenMinutes(context.budgetMs)}.` : null,
  ].filter(Boolean);
  const spoken = paused ? 'De vergadering is gepauzeerd; de klok staat stil.' : '';
  return (
    <div className="koers-timer" aria-label="Tijd">
      <div className="koers-timer__clock">
        {!wrapUp && (
          <div className="koers-timer__block">
            <p className="utrecht-paragraph koers-timer__label">Dit onderwerp</p>
            <p
              className={`utrecht-paragraph koers-timer__value${itemOver ? ' koers-timer__value--over' : ''}`}
            >
              {formatStopwatch(itemMs)}
              <span className="koers-timer__of"> van {formatStopwatch(estimateMs)}</span>
            </p>
            <TimeBar used={itemMs} budget={estimateMs} />
          </div>
        )}
        <div className="koers-timer__block">
          <p className="utrecht-paragraph koers-timer__label">Vergadering</p>
          <p
            className={`utrecht-paragraph koers-timer__value${meetingOver ? ' koers-timer__value--over' : ''}`}
          >
            {formatStopwatch(context.totalElapsedMs)}
            <span className="koers-timer__of"> van {formatStopwatch(context.budgetMs)}</span>
          </p>
          <TimeBar used={context.totalElapsedMs} budget={context.budgetMs} />
        </div>
        {paused && <StatusBadge kind="warning">Gepauzeerd</StatusBadge>}
      </div>
      {/* Always present and polite: read out once when a limit is passed or the clock stops, not every second. */}
      <div role="status" aria-live="polite" className="koers-timer__warnings">
        {warnings.map((warning) => (
          <p key={warning} className="utrecht-paragraph koers-timer__warning">
            {warning}
          </p>
        ))}
        <span className="koers-visually-hidden">{spoken}</span>
      </div>
    </div>
  );
}

/** What the meeting recorded, per client on the agenda (wrap-up and a held meeting). */
function MeetingRecordSummary({
  meeting,
  items,
  onClosed,
}: {
  meeting: MeetingDetail;
  items: AgendaItemView[];
  onClosed?: (message: string) => void;
}) {
  const clients = [
    ...items.map((i) => ({ clientId: i.clientId, displayName: i.displayName })),
    // Recorded about a client who is no longer on the agenda.
    ...[...meeting.records, ...meeting.actions]
      .filter((r) => !items.some((i) => i.clientId === r.clientId))
      .map((r) => ({ clientId: r.clientId, displayName: 'Cliënt' })),
  ].filter((c, i, all) => all.findIndex((o) => o.clientId === c.clientId) === i);
  const recorded = clients.filter((c) =>
    [...meeting.records, ...meeting.actions].some((r) => r.clientId === c.clientId),
  );
  const silent = clients.filter((c) => !recorded.includes(c));
  return (
    <div className="koers-summary">
      {recorded.length === 0 && <Paragraph>In deze vergadering is niets vastgelegd.</Paragraph>}
      {recorded.map((client) => (
        <section key={client.clientId} className="koers-summary__client">
          <Heading level={3}>
            <Link href={`/clienten/${client.clientId}`}>{client.displayName}</Link>
          </Heading>
          <div className="koers-summary__records">
            <RecordsAndActions
              records={meeting.records.filter((r) => r.clientId === client.clientId)}
              actions={meeting.actions.filter((a) => a.clientId === client.clientId)}
              onClosed={onClosed}
            />
          </div>
        </section>
      ))}
      {silent.length > 0 && (
        <Paragraph>
          Ook besproken, zonder vastleggingen:{' '}
          {silent.map((client, i) => (
            <span key={client.clientId}>
              {i > 0 && ', '}
              <Link href={`/clienten/${client.clientId}`}>{client.displayName}</Link>
            </span>
          ))}
          .
        </Paragraph>
      )}
    </div>
  );
}

function WrapUp({
  meeting,
  items,
  context,
  team,
  isChair,
  holding,
  onHold,
  onBack,
}: {
  meeting: MeetingDetail;
  items: AgendaItemView[];
  context: MeetingModeContext;
  team: TeamSetupView | undefined;
  isChair: boolean;
  holding: boolean;
  onHold(attendeeIds: string[]): void;
  onBack(): void;
}) {
  const people = participantsOf(team);
  const [absent, setAbsent] = useState<Set<string>>(new Set());
  const [asking, setAsking] = useState(false);
  const present = people.filter((p) => !absent.has(p.userId));
  const decisions = meeting.records.filter((r) => r.kind === 'decision').length;
  const notes = meeting.records.filter((r) => r.kind === 'note').length;
  useEffect(() => {
    if (!holding) setAsking(false);
  }, [holding]);

  return (
    <section aria-labelledby="wrap-up-heading" className="koers-wrap-up">
      <Heading level={2} id="wrap-up-heading">
        Afronding
      </Heading>
      <Paragraph>
        In deze vergadering vastgelegd: {decisions} {decisions === 1 ? 'besluit' : 'besluiten'},{' '}
        {meeting.actions.length} {meeting.actions.length === 1 ? 'actie' : 'acties'} en {notes}{' '}
        {notes === 1 ? 'notitie' : 'notities'}.
      </Paragraph>
      {context.holdError && <Alert kind="error">{context.holdError}</Alert>}

      <div className="koers-item-grid">
        <div>
          <Table caption="Tijd per onderwerp">
            <thead className="utrecht-table__header">
              <tr className="utrecht-table__row">
                <th scope="col" className="utrecht-table__header-cell">
                  Cliënt
                </th>
                <th scope="col" className="utrecht-table__header-cell koers-numeric">
                  Geschat
                </th>
                <th scope="col" className="utrecht-table__header-cell koers-numeric">
                  Besteed
                </th>
              </tr>
            </thead>
            <tbody className="utrecht-table__body">
              {context.items.map((entry, index) => (
                <tr key={entry.clientId} className="utrecht-table__row">
                  <th scope="row" className="utrecht-table__header-cell">
                    {items.find((i) => i.clientId === entry.clientId)?.displayName ?? 'Cliënt'}
                  </th>
                  <td className="utrecht-table__cell koers-numeric">{entry.estimateMinutes} min</td>
                  <td className="utrecht-table__cell koers-numeric">
                    {formatStopwatch(context.itemElapsedMs[index] ?? 0)}
                  </td>
                </tr>
              ))}
            </tbody>
          </Table>
        </div>
        <div>
          {isChair ? (
            <Fieldset legend="Aanwezig">
              {people.length === 0 && <Paragraph small>Deelnemers worden geladen…</Paragraph>}
              {people.map((person) => (
                <Checkbox
                  key={person.userId}
                  label={`${person.displayName} (${person.partyName})`}
                  checked={!absent.has(person.userId)}
                  onChange={(e) =>
                    setAbsent((current) => {
                      const next = new Set(current);
                      if (e.target.checked) next.delete(person.userId);
                      else next.add(person.userId);
                      return next;
                    })
                  }
                />
              ))}
            </Fieldset>
          ) : (
            <Paragraph>De voorzitter legt de aanwezigheid vast en sluit de vergadering.</Paragraph>
          )}
        </div>
      </div>

      {meeting.actions.length > 0 && (
        <Table caption="Afgesproken acties">
          <thead className="utrecht-table__header">
            <tr className="utrecht-table__row">
              <th scope="col" className="utrecht-table__header-cell">
                Cliënt
              </th>
              <th scope="col" className="utrecht-table__header-cell">
                Actie
              </th>
              <th scope="col" className="utrecht-table__header-cell">
                Eigenaar
              </th>
              <th scope="col" className="utrecht-table__header-cell">
                Uiterlijk
              </th>
            </tr>
          </thead>
          <tbody className="utrecht-table__body">
            {meeting.actions.map((action) => (
              <tr key={action.id} className="utrecht-table__row">
                <th scope="row" className="utrecht-table__header-cell">
                  {items.find((i) => i.clientId === action.clientId)?.displayName ?? 'Cliënt'}
                </th>
                <td className="utrecht-table__cell">{action.description}</td>
                <td className="utrecht-table__cell">{action.owner.displayName ?? action.owner.partyLabel}</td>
                <td className="utrecht-table__cell">{formatDueDate(action.dueDate)}</td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}

      <ButtonGroup>
        {isChair && (
          <Button kind="primary" busy={holding} onClick={() => setAsking(true)}>
            Vergadering vastleggen
          </Button>
        )}
        <Button kind="secondary" disabled={holding} onClick={onBack}>
          Terug naar de agenda
        </Button>
      </ButtonGroup>
      <ConfirmDialog
        open={asking}
        title="Vergadering vastleggen als gehouden?"
        confirmLabel="Vastleggen als gehouden"
        cancelLabel="Terug"
        busy={holding}
        onConfirm={() => onHold(present.map((p) => p.userId))}
        onCancel={() => setAsking(false)}
      >
        <Paragraph>
          Aanwezig: {present.length} van {people.length} deelnemers. Na het vastleggen ligt de agenda vast en
          begint de termijn voor de volgende vergadering (binnen drie weken). Dit kan niet ongedaan worden
          gemaakt.
        </Paragraph>
      </ConfirmDialog>
    </section>
  );
}

/**
 * The meeting page's body: before the meeting the agenda (the chair edits it), then meeting mode — driven by the
 * meeting-mode statechart through useMachine — and finally the result of the held meeting.
 */
export function MeetingModeView({
  meeting,
  agenda,
  team,
  isChair,
  onAgendaChange,
  reload,
}: {
  meeting: MeetingDetail;
  agenda: AgendaView;
  team: TeamSetupView | undefined;
  isChair: boolean;
  onAgendaChange(agenda: AgendaView): void;
  reload(): void;
}) {
  const machine = useMemo(
    () =>
      meetingModeMachine.provide({
        actors: {
          holdMeeting: fromPromise<unknown, { attendeeIds: string[] }>(({ input }) =>
            api(`/meetings/${meeting.id}/hold`, { method: 'POST', body: { attendeeIds: input.attendeeIds } }),
          ),
        },
      }),
    [meeting.id],
  );
  const [restored] = useState(() => (meeting.status === 'planned' ? storedSnapshot(meeting.id) : undefined));
  const [state, send, actor] = useMachine(machine, {
    input: { budgetMinutes: agenda.budgetMinutes, alreadyHeld: meeting.status === 'held' },
    snapshot: restored,
  });
  const [starting, setStarting] = useState(false);
  const [startError, setStartError] = useState<unknown>(null);
  const [announcement, setAnnouncement] = useState('');
  // Display data per client, kept from every agenda seen: a client decided on may leave the generated agenda.
  const known = useRef(new Map<string, AgendaItemView>());
  for (const item of [...agenda.items, ...agenda.deferred]) known.current.set(item.clientId, item);

  const { context } = state;
  const inMeeting = state.matches('inProgress');
  const wrapUp = state.matches('wrapUp') || state.matches('holding');
  const held = state.matches('held');

  useEffect(() => {
    if (state.matches('inProgress') || state.matches('wrapUp')) {
      sessionStorage.setItem(storageKey(meeting.id), JSON.stringify(actor.getPersistedSnapshot()));
    } else {
      sessionStorage.removeItem(storageKey(meeting.id));
    }
  }, [state, actor, meeting.id]);

  // Held through meeting mode: fetch the meeting again (status, attendance) and say so.
  useEffect(() => {
    if (held && meeting.status === 'planned') {
      setAnnouncement('De vergadering is vastgelegd als gehouden.');
      reload();
    }
  }, [held, meeting.status, reload]);

  // A new item: its heading gets focus, so a screen reader hears which client is being discussed.
  const stateKey = JSON.stringify(state.value);
  useEffect(() => {
    const heading = document.getElementById(inMeeting ? 'current-item-heading' : 'wrap-up-heading');
    if (heading && (inMeeting || wrapUp)) {
      heading.tabIndex = -1;
      heading.focus({ preventScroll: false });
    }
  }, [context.current, stateKey, inMeeting, wrapUp]);

  const start = async () => {
    setStarting(true);
    setStartError(null);
    try {
      let items = agenda.items;
      // The chair freezes the generated agenda as it starts: deciding on a new case must not reshuffle it.
      if (isChair && agenda.generated && meeting.status === 'planned') {
        const saved = await api<AgendaView>(`/meetings/${meeting.id}/agenda`, {
          method: 'PUT',
          body: {
            items: items.map((i) => ({
              clientId: i.clientId,
              estimateMinutes: i.estimateMinutes,
              ...(i.note ? { note: i.note } : {}),
            })),
          },
        });
        onAgendaChange(saved);
        items = saved.items;
      }
      send({
        type: 'START',
        items: items.map((i) => ({ clientId: i.clientId, estimateMinutes: i.estimateMinutes })),
      });
    } catch (failure) {
      setStartError(failure);
    } finally {
      setStarting(false);
    }
  };

  const recorded = (message: string) => {
    setAnnouncement(message);
    reload();
  };

  const itemAt = (index: number): AgendaItemView | undefined => {
    const entry = context.items[index];
    return entry ? known.current.get(entry.clientId) : undefined;
  };
  const items = context.items.map((_, i) => itemAt(i)).filter((i): i is AgendaItemView => Boolean(i));
  const current = itemAt(context.current);
  const paused = state.matches({ inProgress: 'paused' });
  const recordedClients = new Set([...meeting.records, ...meeting.actions].map((r) => r.clientId));

  if (meeting.status === 'cancelled') {
    return (
      <>
        <Alert kind="warning">Deze vergadering is geannuleerd.</Alert>
        <AgendaEditor agenda={agenda} teamId={meeting.team.id} canEdit={false} onChange={onAgendaChange} />
      </>
    );
  }

  return (
    <>
      <div className="koers-visually-hidden" role="status" aria-live="polite">
        {announcement}
      </div>

      {state.matches('notStarted') && (
        <>
          <div className="koers-start koers-no-print">
            <div>
              <Heading level={2}>Vergadermodus</Heading>
              <Paragraph>
                Loop de agenda in volgorde door. Per cliënt legt u notities, besluiten met onderbouwing en
                acties vast; de klok houdt de tijd per onderwerp en voor de hele vergadering bij.
              </Paragraph>
            </div>
            <Button
              kind="primary"
              busy={starting}
              disabled={agenda.items.length === 0}
              onClick={() => void start()}
            >
              Vergadering starten
            </Button>
          </div>
          <ErrorAlert error={startError} />
          <AgendaEditor
            agenda={agenda}
            teamId={meeting.team.id}
            canEdit={isChair && meeting.status === 'planned'}
            onChange={onAgendaChange}
          />
        </>
      )}

      {(inMeeting || wrapUp) && (
        <div className="koers-meeting-mode">
          <div className="koers-meeting-mode__bar">
            <MeetingTimer context={context} item={current} paused={paused} wrapUp={wrapUp} />
            {inMeeting && (
              <ButtonGroup>
                <Button
                  kind="secondary"
                  disabled={context.current === 0}
                  onClick={() => send({ type: 'PREV_ITEM' })}
                >
                  ← Vorige
                </Button>
                {paused ? (
                  <Button kind="secondary" onClick={() => send({ type: 'RESUME' })}>
                    Hervatten
                  </Button>
                ) : (
                  <Button kind="secondary" onClick={() => send({ type: 'PAUSE' })}>
                    Pauzeren
                  </Button>
                )}
                <Button kind="primary" onClick={() => send({ type: 'NEXT_ITEM' })}>
                  {context.current < context.items.length - 1 ? 'Volgende →' : 'Naar de afronding →'}
                </Button>
              </ButtonGroup>
            )}
          </div>

          <div className="koers-meeting-mode__grid">
            <nav aria-label="Agenda van de vergadering" className="koers-meeting-nav">
              <ol>
                {context.items.map((entry, index) => {
                  const item = itemAt(index);
                  const isCurrent = inMeeting && index === context.current;
                  return (
                    <li key={entry.clientId}>
                      <button
                        type="button"
                        className="koers-meeting-nav__item"
                        aria-current={isCurrent ? 'step' : undefined}
                        onClick={() => send({ type: 'GOTO_ITEM', index })}
                        disabled={wrapUp}
                      >
                        <span className="koers-meeting-nav__name">
                          {index + 1}. {item?.displayName ?? 'Cliënt'}
                        </span>
                        <span className="koers-meeting-nav__meta">
                          {item?.reasonLabel ?? ''} · {formatStopwatch(context.itemElapsedMs[index] ?? 0)} van{' '}
                          {entry.estimateMinutes} min
                          {recordedClients.has(entry.clientId) && ' · vastgelegd'}
                        </span>
                      </button>
                    </li>
                  );
                })}
                <li>
                  <button
                    type="button"
                    className="koers-meeting-nav__item"
                    aria-current={wrapUp ? 'step' : undefined}
                    onClick={() => send({ type: 'FINISH' })}
                    disabled={wrapUp}
                  >
                    <span className="koers-meeting-nav__name">Afronding</span>
                    <span className="koers-meeting-nav__meta">Rondvraag, aanwezigheid, vastleggen</span>
                  </button>
                </li>
              </ol>
            </nav>

            <div className="koers-meeting-mode__main">
              {inMeeting && current && (
                <ClientItemPanel
                  key={current.clientId}
                  meeting={meeting}
                  item={current}
                  position={context.current + 1}
                  total={context.items.length}
                  team={team}
                  isChair={isChair}
                  onRecorded={recorded}
                  onConflict={reload}
                />
              )}
              {wrapUp && (
                <WrapUp
                  meeting={meeting}
                  items={items}
                  context={context}
                  team={team}
                  isChair={isChair}
                  holding={state.matches('holding')}
                  onHold={(attendeeIds) => send({ type: 'HOLD', attendeeIds })}
                  onBack={() => send({ type: 'BACK_TO_ITEMS' })}
                />
              )}
            </div>
          </div>
        </div>
      )}

      {held && (
        <section aria-labelledby="result-heading">
          <Heading level={2} id="result-heading">
            Verslag
          </Heading>
          <Alert kind="ok">
            Deze vergadering is gehouden
            {meeting.heldAt ? ` en vastgelegd op ${formatDateTime(meeting.heldAt)}` : ''}. Download het
            verslag hierboven als PDF of Markdown.
          </Alert>
          {meeting.attendeeIds.length > 0 && (
            <Paragraph>
              Aanwezig:{' '}
              {participantsOf(team)
                .filter((p) => meeting.attendeeIds.includes(p.userId))
                .map((p) => p.displayName)
                .join(', ') || `${meeting.attendeeIds.length} deelnemers`}
              .
            </Paragraph>
          )}
          <MeetingRecordSummary meeting={meeting} items={agenda.items} onClosed={recorded} />
        </section>
      )}
    </>
  );
}
