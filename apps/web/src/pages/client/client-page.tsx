/**
 * The client page: who (within need-to-know), where the trajectory is and what blocks it, the statechart with the
 * current state, the next steps the machine allows (and why the others cannot happen yet), recovery over time, the
 * parties' intake answers, the history with who/when/why, the legal basis, documents, deadlines, actions, the
 * journal and the budget. Each section only for readers who may see its data (need-to-know and the client's legal
 * basis); the page never asks the API for what it would refuse. Printable: navigation and forms are left out.
 */
import { useMemo, useRef, useState } from 'react';
import { hasThreePartyAgreement, STAGE_LABELS, type TrajectoryEventType } from '@koers/machines/trajectory';
import { useMe } from '../../auth/session';
import { ClientSpendsPanel } from '../../budget/client-spends-panel';
import { DocumentsPanel } from '../../documents/documents-panel';
import { EventDialog } from '../../events/event-dialog';
import { RecoverySection } from '../../recovery/recovery-section';
import { Link, usePageTitle } from '../../router';
import { EVENT_LABELS, LIFTER_LABELS } from '../../trajectory/labels';
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
import { clientCategories, inClientTeam } from './client-access';
import { type ActionView, ActionsSection, DeadlinesSection } from './deadlines-section';
import { HistoryTimeline } from './history-timeline';
import { IntakeSection } from './intake-section';
import { JournalSection } from './journal-section';
import { LegalBasisSection, type LegalBasisView, NO_BASIS_EXPLANATION } from './legal-basis-section';
import { NextStepsPanel } from './next-steps-panel';
import './client-page.css';

type Notice = { kind: 'ok' | 'conflict'; text: string } | null;

/** The client view with the legal basis the API adds to it (libs/trajectory). */
type ClientWithBasis = ClientDetail & {
  trajectory: ClientDetail['trajectory'] & { legalBasis?: LegalBasisView };
};

/** The sections of the page, for the in-page navigation (anchors to their headings). */
function PageNav({ links }: { links: { href: string; label: string }[] }) {
  return (
    <nav className="koers-client__nav koers-no-print" aria-label="Op deze pagina">
      <span className="koers-client__nav-title" aria-hidden="true">
        Op deze pagina
      </span>
      <ul>
        {links.map((link) => (
          <li key={link.href}>
            <a href={link.href}>{link.label}</a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

export function ClientPage({ id }: { id: string }) {
  const me = useMe();
  const client = useApi<ClientWithBasis>(`/clients/${id}`);
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
  const basis = trajectory.legalBasis;
  const closed = trajectory.stage === 'closed';
  const sees = clientCategories(me, detail.client, basis?.allows);
  const teamMember = inClientTeam(me, detail.client.teamId);
  const showRecovery = sees.has('health');
  const showAgreement =
    hasThreePartyAgreement(snapshot.context) && ['identity', 'housing', 'finances'].every((c) => sees.has(c));
  const mayInvokeCovenant =
    me.role === 'chair' && teamMember && trajectory.allowedEvents.includes('COVENANT_INVOKED');
  const budgetHeading = `budget-panel-${id}`;
  const navLinks = [
    { href: '#knelpunten', label: 'Knelpunten' },
    { href: '#traject', label: 'Traject' },
    ...(!closed ? [{ href: '#volgende-stap', label: 'Volgende stap' }] : []),
    ...(showRecovery ? [{ href: '#herstel', label: 'Herstel' }] : []),
    ...(teamMember ? [{ href: '#inbreng', label: 'Inbreng' }] : []),
    { href: '#geschiedenis', label: 'Geschiedenis' },
    ...(basis ? [{ href: '#grondslag', label: 'Grondslag' }] : []),
    { href: '#documenten', label: 'Documenten' },
    { href: '#termijnen', label: 'Termijnen' },
    { href: '#acties', label: 'Acties' },
    { href: '#journaal', label: 'Journaal' },
    ...(sees.has('budget') ? [{ href: `#${budgetHeading}`, label: 'Budget' }] : []),
  ];

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
            {basis && (
              <li data-fact="basis">
                <span className="koers-client__fact-term">Grondslag</span>{' '}
                {basis.kind === 'none' ? (
                  <StatusBadge kind="danger">{basis.label}</StatusBadge>
                ) : basis.kind === 'consent' && basis.current?.scope ? (
                  `${basis.label}: ${basis.current.scope}`
                ) : (
                  basis.label
                )}
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

      <PageNav links={navLinks} />

      <div ref={noticeRef} tabIndex={-1} className="koers-client__notice">
        {notice?.kind === 'ok' && <Alert kind="ok">{notice.text}</Alert>}
        {notice?.kind === 'conflict' && <Alert kind="warning">{notice.text}</Alert>}
      </div>
      {client.error !== null && client.data && <ErrorAlert error={client.error} />}
      {basis?.kind === 'none' && (
        <div className="koers-client__no-basis">
          <Alert kind="warning">
            <strong>Geen grondslag.</strong> {NO_BASIS_EXPLANATION}{' '}
            <a href="#grondslag">Meer over de grondslag</a>
          </Alert>
        </div>
      )}

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

      {showRecovery && <RecoverySection clientId={id} teamId={detail.client.teamId} me={me} />}

      {teamMember && (
        <IntakeSection
          clientId={id}
          displayName={detail.client.displayName}
          me={me}
          signalStage={trajectory.stage === 'signal'}
        />
      )}

      <div className="koers-client__columns">
        <HistoryTimeline entries={trajectory.history ?? []} />
        <div className="koers-client__side">
          {basis && (
            <LegalBasisSection
              basis={basis}
              onInvokeCovenant={mayInvokeCovenant ? () => setOpen('COVENANT_INVOKED') : undefined}
            />
          )}
          <DocumentsPanel clientId={id} agreement={showAgreement} />
          <DeadlinesSection deadlines={deadlines} />
          <ActionsSection actions={actions} />
          <JournalSection clientId={id} me={me} tick={journalTick} />
        </div>
      </div>

      {sees.has('budget') && (
        <div className="koers-client__budget">
          <ClientSpendsPanel clientId={id} teamId={detail.client.teamId} headingLevel={2} />
        </div>
      )}

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
