import { useCallback, useState } from 'react';
import { ApiError } from '../api/api-client';
import { useMe } from '../auth/session';
import { Alert, ErrorAlert, Loading, Paragraph } from '../ui/components';
import { formatCents } from '../ui/format';
import { useApi } from '../ui/use-api';
import { ArrangementForm, Arrangements } from './arrangements';
import { mayWriteBudget } from './budget-rules';
import type { ArrangementView, SpendView } from './budget-types';
import { Loans } from './loans';
import { PendingSpends } from './pending-spends';
import { SpendForm } from './spend-form';
import { SpendTable } from './spend-table';
import './budget.css';

type Section = 'pending' | 'loans' | 'arrangements';

const CONFLICT =
  'Iemand anders heeft deze gegevens net gewijzigd. De gegevens zijn opnieuw geladen; bekijk de wijziging en probeer het opnieuw.';

/**
 * The budget of one client, for the client page: what waits for approval (the chair decides here too), every
 * spend with its decision, loans and their repayment, conditional arrangements with their review, and the forms to
 * request a spend and make an arrangement (the chair and addiction care). Renders nothing for a user whose party may
 * not see the budget (need-to-know), and asks the API for nothing then.
 *
 * Headings start at `headingLevel` (default 2: a section of the client page, under its h1).
 */
export function ClientSpendsPanel({
  clientId,
  teamId,
  headingLevel = 2,
}: {
  clientId: string;
  teamId: string;
  headingLevel?: 2 | 3;
}) {
  const me = useMe();
  if (!me.categories.includes('budget')) return null;
  return <Panel clientId={clientId} teamId={teamId} headingLevel={headingLevel} />;
}

function Panel({
  clientId,
  teamId,
  headingLevel,
}: {
  clientId: string;
  teamId: string;
  headingLevel: 2 | 3;
}) {
  const me = useMe();
  const spends = useApi<SpendView[]>(`/clients/${clientId}/spends`);
  const arrangements = useApi<ArrangementView[]>(`/clients/${clientId}/conditional-arrangements`);
  const [notice, setNotice] = useState<{ section: Section; kind: 'ok' | 'warning'; text: string } | null>(
    null,
  );
  const { reload: reloadSpends } = spends;
  const { reload: reloadArrangements } = arrangements;
  const reload = useCallback(() => {
    reloadSpends();
    reloadArrangements();
  }, [reloadSpends, reloadArrangements]);
  const done = (section: Section) => (text: string) => {
    setNotice({ section, kind: 'ok', text });
    reload();
  };
  const conflict = (section: Section) => () => {
    setNotice({ section, kind: 'warning', text: CONFLICT });
    reload();
  };
  const noticeFor = (section: Section) =>
    notice?.section === section ? <Alert kind={notice.kind}>{notice.text}</Alert> : null;

  const H = `h${headingLevel}` as const;
  const H2 = `h${headingLevel + 1}` as 'h3' | 'h4';
  const sub = (headingLevel + 2) as 4 | 5;
  const writer = mayWriteBudget(me, teamId);

  const refused = spends.error instanceof ApiError && spends.error.status === 403;
  if (refused) {
    return (
      <section className="koers-budget koers-budget-panel" aria-label="Budget">
        <H className={`utrecht-heading-${headingLevel}`}>Budget</H>
        <Paragraph>U heeft geen toegang tot het budget van deze cliënt.</Paragraph>
      </section>
    );
  }

  const list = spends.data ?? [];
  const approved = list.filter((s) => s.status === 'approved');
  const spent = approved.reduce((sum, s) => sum + s.amountCents - (s.loan?.repaidCents ?? 0), 0);
  const pending = list.filter((s) => s.status === 'requested').reduce((sum, s) => sum + s.amountCents, 0);
  const owed = approved.reduce((sum, s) => sum + (s.loan?.outstandingCents ?? 0), 0);
  const hasLoans = approved.some((s) => s.kind === 'loan');

  return (
    <section className="koers-budget koers-budget-panel" aria-labelledby={`budget-panel-${clientId}`}>
      <H id={`budget-panel-${clientId}`} className={`utrecht-heading-${headingLevel}`}>
        Budget
      </H>
      {spends.error ? (
        <ErrorAlert error={spends.error} />
      ) : !spends.data ? (
        <Loading what="Uitgaven" />
      ) : (
        <>
          <dl className="koers-budget-figures koers-budget-figures--compact">
            <div className="koers-budget-figure">
              <dt>Uitgegeven</dt>
              <dd className="koers-budget-figure__value">{formatCents(spent)}</dd>
            </div>
            <div className="koers-budget-figure">
              <dt>Wacht op goedkeuring</dt>
              <dd className="koers-budget-figure__value">{formatCents(pending)}</dd>
            </div>
            <div className="koers-budget-figure">
              <dt>Uitstaande leningen</dt>
              <dd className="koers-budget-figure__value">{formatCents(owed)}</dd>
            </div>
          </dl>

          <H2 className={`utrecht-heading-${headingLevel + 1}`}>Aanvragen die wachten op goedkeuring</H2>
          {noticeFor('pending')}
          <PendingSpends
            spends={list}
            showClient={false}
            headingLevel={sub}
            onDone={done('pending')}
            onConflict={conflict('pending')}
          />

          <H2 className={`utrecht-heading-${headingLevel + 1}`}>Uitgaven</H2>
          <SpendTable
            caption="Uitgaven voor deze cliënt (nieuwste eerst)"
            spends={list}
            showClient={false}
            empty="Er zijn nog geen uitgaven voor deze cliënt."
          />

          {hasLoans && (
            <>
              <H2 className={`utrecht-heading-${headingLevel + 1}`}>Leningen</H2>
              {noticeFor('loans')}
              <Loans spends={list} showClient={false} onDone={done('loans')} onConflict={conflict('loans')} />
            </>
          )}
        </>
      )}

      <H2 className={`utrecht-heading-${headingLevel + 1}`}>Voorwaardelijke afspraken</H2>
      {noticeFor('arrangements')}
      {arrangements.error ? (
        <ErrorAlert error={arrangements.error} />
      ) : !arrangements.data ? (
        <Loading what="Afspraken" />
      ) : (
        <Arrangements
          arrangements={arrangements.data}
          showClient={false}
          headingLevel={sub}
          onDone={done('arrangements')}
          onConflict={conflict('arrangements')}
        />
      )}
      {writer && spends.data && (
        <details className="koers-budget-details">
          <summary>Nieuwe voorwaardelijke afspraak</summary>
          <ArrangementForm clientId={clientId} spends={list} onCreated={() => reload()} />
        </details>
      )}

      {writer && (
        <>
          <H2 className={`utrecht-heading-${headingLevel + 1}`}>Nieuwe uitgave</H2>
          <SpendForm teamId={teamId} clientId={clientId} onRequested={() => reload()} />
        </>
      )}
    </section>
  );
}
