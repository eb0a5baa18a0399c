import { type FormEvent, useState } from 'react';
import { api } from '../../api/api-client';
import { useMe } from '../../auth/session';
import { Link, usePageTitle } from '../../router';
import {
  Alert,
  Button,
  ButtonGroup,
  ErrorAlert,
  Fieldset,
  FormField,
  Heading,
  Loading,
  Paragraph,
  Select,
  StatusBadge,
  Table,
} from '../../ui/components';
import { formatDays } from '../../ui/format';
import { useApi } from '../../ui/use-api';
import {
  CancelMeetingButton,
  checkMeetingFields,
  type MeetingFields,
  MeetingFieldsInputs,
  MoveMeetingForm,
} from './meeting-change';
import { amsterdamDateTime, formatLongDate, formatTimeRange } from './meeting-time';
import { MEETING_STATUS_LABELS, type MeetingView } from './meeting-types';
import './meetings.css';

const DAY = 86_400_000;

const statusKind = (status: string) =>
  status === 'held' ? 'safe' : status === 'cancelled' ? 'neutral' : ('warning' as const);

export function MeetingStatusBadge({ status }: { status: string }) {
  return <StatusBadge kind={statusKind(status)}>{MEETING_STATUS_LABELS[status] ?? status}</StatusBadge>;
}

/** Where the casusoverleg stands against its rhythm: every 2 weeks, at most 3 (domain.md §5). */
function CadenceMessage({ meetings }: { meetings: MeetingView[] }) {
  const now = Date.now();
  const lastHeld = meetings
    .filter((m) => m.status === 'held')
    .sort((a, b) => b.startsAt.localeCompare(a.startsAt))[0];
  const next = meetings
    .filter((m) => m.status === 'planned' && Date.parse(m.endsAt) >= now)
    .sort((a, b) => a.startsAt.localeCompare(b.startsAt))[0];
  if (next?.cadence.message) return <Alert kind="warning">{next.cadence.message}</Alert>;
  if (next) {
    const gap = next.cadence.daysSincePrevious;
    return (
      <Alert kind="ok">
        De volgende vergadering is op {formatLongDate(next.startsAt)}
        {gap !== null ? `, ${formatDays(gap)} na de vorige` : ''}. Dat past in het ritme van het casusoverleg.
      </Alert>
    );
  }
  if (!lastHeld) {
    return (
      <Alert kind="info">
        Er is nog geen vergadering gepland. Plan de eerste vergadering van het casusoverleg; daarin worden ten
        hoogste 2 nieuwe casussen besproken.
      </Alert>
    );
  }
  const days = Math.floor((now - Date.parse(lastHeld.startsAt)) / DAY);
  return (
    <Alert kind={days >= 14 ? 'warning' : 'info'}>
      Er is nog geen volgende vergadering gepland. De vorige vergadering was op{' '}
      {formatLongDate(lastHeld.startsAt)} ({formatDays(days)} geleden); het casusoverleg komt elke 2 weken
      bijeen, ten hoogste elke 3 weken.
    </Alert>
  );
}

/** Plan a meeting (chair); the answer says how it fits the cadence. */
function PlanMeetingForm({
  teamIds,
  onPlanned,
}: {
  teamIds: string[];
  onPlanned(meeting: MeetingView): void;
}) {
  const teams = useApi<{ id: string; name: string }[]>(teamIds.length > 1 ? '/teams' : null);
  const [teamId, setTeamId] = useState('');
  const [fields, setFields] = useState<MeetingFields>({
    date: '',
    time: '13:00',
    durationMinutes: '120',
    location: '',
  });
  const [errors, setErrors] = useState<Partial<Record<keyof MeetingFields | 'team', string>>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found: Partial<Record<keyof MeetingFields | 'team', string>> = checkMeetingFields(fields);
    if (teamIds.length > 1 && !teamId) found.team = 'Kies het casusoverleg.';
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    setError(null);
    try {
      const planned = await api<MeetingView>('/meetings', {
        method: 'POST',
        body: {
          ...(teamId ? { teamId } : {}),
          startsAt: amsterdamDateTime(fields.date, fields.time),
          durationMinutes: Number(fields.durationMinutes),
          ...(fields.location.trim() ? { location: fields.location.trim() } : {}),
        },
      });
      setFields({ date: '', time: '13:00', durationMinutes: '120', location: '' });
      onPlanned(planned);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} noValidate className="koers-panel koers-no-print">
      <Fieldset legend="Vergadering plannen">
        <Paragraph small>
          Het casusoverleg duurt ongeveer twee uur. De agenda wordt samengesteld uit het bord: eerst
          geëscaleerde en vastgelopen cliënten, dan nieuwe signalen.
        </Paragraph>
        <ErrorAlert error={error} />
        {teamIds.length > 1 && (
          <FormField label="Casusoverleg" error={errors.team}>
            {({ id, describedBy, invalid }) => (
              <Select
                id={id}
                value={teamId}
                onChange={(e) => setTeamId(e.target.value)}
                aria-describedby={describedBy}
                invalid={invalid}
                placeholder="Kies een casusoverleg"
                options={(teams.data ?? []).map((t) => ({ value: t.id, label: t.name }))}
              />
            )}
          </FormField>
        )}
        <MeetingFieldsInputs fields={fields} errors={errors} onChange={setFields} />
        <ButtonGroup>
          <Button kind="primary" type="submit" busy={busy}>
            Vergadering plannen
          </Button>
        </ButtonGroup>
      </Fieldset>
    </form>
  );
}

function MeetingLink({ meeting }: { meeting: MeetingView }) {
  return (
    <Link href={`/vergaderingen/${meeting.id}`}>
      {formatLongDate(meeting.startsAt)}, {formatTimeRange(meeting.startsAt, meeting.endsAt)}
    </Link>
  );
}

/** The meetings of the user's casusoverleg: upcoming and past; the chair plans, moves and cancels. */
export function MeetingsPage() {
  usePageTitle('Vergaderingen');
  const me = useMe();
  const isChair = me.role === 'chair';
  const { data, error, loading, reload } = useApi<MeetingView[]>('/meetings');
  const [moving, setMoving] = useState<string | null>(null);
  const [done, setDone] = useState<{ text: string; meetingId?: string; cadence?: string | null } | null>(
    null,
  );

  const meetings = data ?? [];
  const upcoming = meetings
    .filter((m) => m.status === 'planned')
    .sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  const past = meetings
    .filter((m) => m.status !== 'planned')
    .sort((a, b) => b.startsAt.localeCompare(a.startsAt));
  const movingMeeting = upcoming.find((m) => m.id === moving);

  return (
    <div className="koers-meetings">
      <Heading level={1}>Vergaderingen</Heading>
      <Paragraph lead>
        Het casusoverleg komt elke twee weken bijeen, ten hoogste elke drie weken, voor ongeveer twee uur.
      </Paragraph>
      {loading && !data && <Loading what="Vergaderingen" />}
      <ErrorAlert error={error} />
      {data && <CadenceMessage meetings={meetings} />}
      {done && (
        <Alert kind="ok">
          {done.text}
          {done.cadence ? ` ${done.cadence}` : ''}{' '}
          {done.meetingId && <Link href={`/vergaderingen/${done.meetingId}`}>Open de vergadering</Link>}
        </Alert>
      )}

      {isChair && (
        <PlanMeetingForm
          teamIds={me.teamIds}
          onPlanned={(planned) => {
            setDone({
              text: `Vergadering gepland op ${formatLongDate(planned.startsAt)} om ${formatTimeRange(planned.startsAt, planned.endsAt)}.`,
              meetingId: planned.id,
              cadence: planned.cadence.message,
            });
            reload();
          }}
        />
      )}

      {data && (
        <>
          <Heading level={2}>Komende vergaderingen</Heading>
          {upcoming.length === 0 ? (
            <Paragraph>Er staan geen vergaderingen gepland.</Paragraph>
          ) : (
            <Table caption="Geplande vergaderingen, de eerstvolgende bovenaan">
              <thead className="utrecht-table__header">
                <tr className="utrecht-table__row">
                  <th scope="col" className="utrecht-table__header-cell">
                    Datum en tijd
                  </th>
                  <th scope="col" className="utrecht-table__header-cell">
                    Locatie
                  </th>
                  <th scope="col" className="utrecht-table__header-cell">
                    Casusoverleg
                  </th>
                  <th scope="col" className="utrecht-table__header-cell">
                    Status
                  </th>
                  {isChair && (
                    <th scope="col" className="utrecht-table__header-cell">
                      <span className="koers-visually-hidden">Wijzigen</span>
                    </th>
                  )}
                </tr>
              </thead>
              <tbody className="utrecht-table__body">
                {upcoming.map((meeting) => (
                  <tr key={meeting.id} className="utrecht-table__row">
                    <th scope="row" className="utrecht-table__header-cell koers-cell-strong">
                      <MeetingLink meeting={meeting} />
                    </th>
                    <td className="utrecht-table__cell">{meeting.location ?? '—'}</td>
                    <td className="utrecht-table__cell">{meeting.team.name}</td>
                    <td className="utrecht-table__cell">
                      <MeetingStatusBadge status={meeting.status} />
                      {Date.parse(meeting.endsAt) < Date.now() && (
                        <span className="koers-hint"> Nog niet vastgelegd als gehouden</span>
                      )}
                    </td>
                    {isChair && (
                      <td className="utrecht-table__cell koers-cell-actions">
                        <Button kind="subtle" onClick={() => setMoving(meeting.id)}>
                          Verplaatsen
                          <span className="koers-visually-hidden">
                            {' '}
                            de vergadering van {formatLongDate(meeting.startsAt)}
                          </span>
                        </Button>
                        <CancelMeetingButton
                          meeting={meeting}
                          onCancelled={(cancelled) => {
                            setDone({
                              text: `De vergadering van ${formatLongDate(cancelled.startsAt)} is geannuleerd.`,
                            });
                            reload();
                          }}
                        />
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </Table>
          )}
          {movingMeeting && (
            <MoveMeetingForm
              key={movingMeeting.id}
              meeting={movingMeeting}
              onClose={() => setMoving(null)}
              onMoved={(moved) => {
                setMoving(null);
                setDone({
                  text: `De vergadering is verplaatst naar ${formatLongDate(moved.startsAt)}, ${formatTimeRange(moved.startsAt, moved.endsAt)}.`,
                  meetingId: moved.id,
                  cadence: moved.cadence.message,
                });
                reload();
              }}
            />
          )}

          <Heading level={2}>Eerdere vergaderingen</Heading>
          {past.length === 0 ? (
            <Paragraph>Er zijn nog geen vergaderingen gehouden.</Paragraph>
          ) : (
            <Table caption="Gehouden en geannuleerde vergaderingen, de meest recente bovenaan">
              <thead className="utrecht-table__header">
                <tr className="utrecht-table__row">
                  <th scope="col" className="utrecht-table__header-cell">
                    Datum en tijd
                  </th>
                  <th scope="col" className="utrecht-table__header-cell">
                    Locatie
                  </th>
                  <th scope="col" className="utrecht-table__header-cell">
                    Casusoverleg
                  </th>
                  <th scope="col" className="utrecht-table__header-cell">
                    Status
                  </th>
                </tr>
              </thead>
              <tbody className="utrecht-table__body">
                {past.map((meeting) => (
                  <tr key={meeting.id} className="utrecht-table__row">
                    <th scope="row" className="utrecht-table__header-cell koers-cell-strong">
                      <MeetingLink meeting={meeting} />
                    </th>
                    <td className="utrecht-table__cell">{meeting.location ?? '—'}</td>
                    <td className="utrecht-table__cell">{meeting.team.name}</td>
                    <td className="utrecht-table__cell">
                      <MeetingStatusBadge status={meeting.status} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </Table>
          )}
        </>
      )}
    </div>
  );
}
