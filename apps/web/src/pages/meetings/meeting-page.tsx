import { useCallback, useEffect, useState } from 'react';
import { download } from '../../api/api-client';
import { useMe } from '../../auth/session';
import { Link, usePageTitle } from '../../router';
import { Alert, Button, ButtonGroup, ErrorAlert, Heading, Loading, Paragraph } from '../../ui/components';
import { useApi } from '../../ui/use-api';
import { CancelMeetingButton, MoveMeetingForm } from './meeting-change';
import { MeetingModeView } from './meeting-mode-view';
import { formatLongDate, formatTimeRange, isoDay } from './meeting-time';
import type { AgendaView, MeetingDetail, TeamSetupView } from './meeting-types';
import { MeetingStatusBadge } from './meetings-page';
import './meetings.css';

/** Minutes (PDF, Markdown) and the calendar file, fetched with the session's token. */
function Downloads({ meeting }: { meeting: MeetingDetail }) {
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const day = isoDay(meeting.startsAt);
  const get = async (key: string, path: string, filename: string, query?: Record<string, string>) => {
    setBusy(key);
    setError(null);
    try {
      await download(path, filename, query);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(null);
    }
  };
  return (
    <div className="koers-downloads koers-no-print">
      <ButtonGroup>
        <Button
          kind="secondary"
          busy={busy === 'pdf'}
          onClick={() =>
            void get('pdf', `/meetings/${meeting.id}/minutes`, `verslag-casusoverleg-${day}.pdf`, {
              format: 'pdf',
            })
          }
        >
          Verslag (PDF)
        </Button>
        <Button
          kind="secondary"
          busy={busy === 'md'}
          onClick={() =>
            void get('md', `/meetings/${meeting.id}/minutes`, `verslag-casusoverleg-${day}.md`, {
              format: 'md',
            })
          }
        >
          Verslag (Markdown)
        </Button>
        <Button
          kind="secondary"
          busy={busy === 'ics'}
          onClick={() => void get('ics', `/meetings/${meeting.id}/ics`, `casusoverleg-${day}.ics`)}
        >
          In mijn agenda (.ics)
        </Button>
      </ButtonGroup>
      <ErrorAlert error={error} />
    </div>
  );
}

/** A meeting: its agenda before, meeting mode during, and the minutes after (issue 6). */
export function MeetingPage({ id }: { id: string }) {
  const me = useMe();
  const isChair = me.role === 'chair';
  const meeting = useApi<MeetingDetail>(`/meetings/${id}`);
  const agendaQuery = useApi<AgendaView>(`/meetings/${id}/agenda`);
  const team = useApi<TeamSetupView>(meeting.data ? `/teams/${meeting.data.team.id}` : null);
  const [agenda, setAgenda] = useState<AgendaView | undefined>(undefined);
  const [moving, setMoving] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  useEffect(() => {
    if (agendaQuery.data) setAgenda(agendaQuery.data);
  }, [agendaQuery.data]);

  const data = meeting.data;
  usePageTitle(data ? `Casusoverleg van ${formatLongDate(data.startsAt)}` : 'Vergadering');
  const reloadMeeting = meeting.reload;
  const reloadAgenda = agendaQuery.reload;
  const reload = useCallback(() => {
    reloadMeeting();
    reloadAgenda();
  }, [reloadMeeting, reloadAgenda]);

  if (!data || !agenda) {
    return (
      <>
        <Heading level={1}>Vergadering</Heading>
        {(meeting.loading || agendaQuery.loading) && <Loading what="De vergadering en de agenda" />}
        <ErrorAlert error={meeting.error ?? agendaQuery.error} />
        {Boolean(meeting.error || agendaQuery.error) && (
          <Paragraph>
            <Link href="/vergaderingen">Terug naar de vergaderingen</Link>
          </Paragraph>
        )}
      </>
    );
  }

  return (
    <div className="koers-meetings">
      <p className="utrecht-paragraph koers-breadcrumb koers-no-print">
        <Link href="/vergaderingen">Vergaderingen</Link>
      </p>
      <div className="koers-meeting-head">
        <div>
          <Heading level={1}>Casusoverleg van {formatLongDate(data.startsAt)}</Heading>
          <p className="utrecht-paragraph koers-meeting-head__meta">
            <span>{formatTimeRange(data.startsAt, data.endsAt)}</span>
            {data.location && <span>{data.location}</span>}
            <span>{data.team.name}</span>
            <MeetingStatusBadge status={data.status} />
          </p>
        </div>
        {isChair && data.status === 'planned' && !moving && (
          <ButtonGroup>
            <Button kind="subtle" onClick={() => setMoving(true)}>
              Verplaatsen
            </Button>
            <CancelMeetingButton
              meeting={data}
              onCancelled={() => {
                setNotice('De vergadering is geannuleerd.');
                reload();
              }}
            />
          </ButtonGroup>
        )}
      </div>
      {data.status === 'planned' && data.cadence.message && (
        <Alert kind="warning">{data.cadence.message}</Alert>
      )}
      {notice && <Alert kind="ok">{notice}</Alert>}
      {moving && (
        <MoveMeetingForm
          meeting={data}
          onClose={() => setMoving(false)}
          onMoved={(moved) => {
            setMoving(false);
            setNotice(
              `De vergadering is verplaatst naar ${formatLongDate(moved.startsAt)}, ${formatTimeRange(moved.startsAt, moved.endsAt)}.`,
            );
            reload();
          }}
        />
      )}
      <Downloads meeting={data} />
      {Boolean(meeting.error || agendaQuery.error) && (
        <ErrorAlert error={meeting.error ?? agendaQuery.error} />
      )}
      <MeetingModeView
        key={data.id}
        meeting={data}
        agenda={agenda}
        team={team.data}
        isChair={isChair}
        onAgendaChange={setAgenda}
        reload={reload}
      />
    </div>
  );
}
