import { useCallback, useMemo, useState } from 'react';
import { useMe } from '../../auth/session';
import { Arrangements, isOverdue } from '../../budget/arrangements';
import { BudgetSummary } from '../../budget/budget-summary';
import { isBudgetHolder, mayWriteBudget } from '../../budget/budget-rules';
import {
  type ArrangementView,
  type BudgetOverview,
  SPEND_CATEGORIES,
  SPEND_CATEGORY_LABELS,
  SPEND_STATUS_LABELS,
  SPEND_STATUSES,
  type TeamListItem,
  type TeamSpendView,
} from '../../budget/budget-types';
import { CategoryChart, ClientTable } from '../../budget/category-chart';
import { Loans } from '../../budget/loans';
import { PendingSpends } from '../../budget/pending-spends';
import { SpendForm } from '../../budget/spend-form';
import { SpendTable } from '../../budget/spend-table';
import { YearBudgetForm } from '../../budget/year-budget-form';
import '../../budget/budget.css';
import { Link, navigate, useLocation, usePageTitle } from '../../router';
import {
  Alert,
  ErrorAlert,
  FormField,
  Heading,
  Loading,
  Paragraph,
  Select,
  StatusBadge,
} from '../../ui/components';
import { todayIso } from '../../ui/format';
import { useApi } from '../../ui/use-api';

type Section = 'pending' | 'new' | 'loans' | 'arrangements' | 'budget';
interface Notice {
  section: Section;
  kind: 'ok' | 'warning';
  text: string;
}

const CONFLICT =
  'Iemand anders heeft deze gegevens net gewijzigd. De gegevens zijn opnieuw geladen; bekijk de wijziging en probeer het opnieuw.';

/**
 * /budget: the casusoverleg's budget for a year (issue 7 items 3 and 4). Whoever may see the budget (the chair
 * and addiction care) sees the overview, what waits for approval, every spend, loans and conditional arrangements;
 * the chair (budget holder) decides and sets the yearly budget. Others (the police, the housing corporation) get a
 * refusal in Dutch and no request is made for budget data at all.
 */
export function BudgetPage() {
  const me = useMe();
  usePageTitle('Budget');
  if (!me.categories.includes('budget')) {
    return (
      <>
        <Heading level={1}>Budget</Heading>
        <Alert kind="warning">
          U heeft geen toegang tot het budget. Uitgaven en het budget van het casusoverleg zijn alleen te zien
          voor de voorzitter (de budgethouder) en de verslavingszorg.
        </Alert>
      </>
    );
  }
  if (me.teamIds.length === 0) {
    return (
      <>
        <Heading level={1}>Budget</Heading>
        <Alert kind="info">
          U neemt niet deel aan een casusoverleg. Het budget hoort bij een casusoverleg; uitgaven voor een
          cliënt ziet u op de pagina van die cliënt.
        </Alert>
      </>
    );
  }
  return <BudgetOfTeam />;
}

function BudgetOfTeam() {
  const me = useMe();
  const { query } = useLocation();
  const thisYear = Number(todayIso().slice(0, 4));
  const teams = useApi<TeamListItem[]>('/teams');
  const myTeams = useMemo(
    () =>
      (teams.data ?? [])
        .filter((t) => me.teamIds.includes(t.id))
        .sort((a, b) => a.name.localeCompare(b.name, 'nl')),
    [teams.data, me.teamIds],
  );
  const askedTeam = query.get('team');
  const teamId = askedTeam && me.teamIds.includes(askedTeam) ? askedTeam : (myTeams[0]?.id ?? me.teamIds[0]);
  const askedYear = Number(query.get('jaar'));
  const year = askedYear >= 2000 && askedYear <= 2100 ? askedYear : thisYear;
  const teamName = myTeams.find((t) => t.id === teamId)?.name;

  const [status, setStatus] = useState('');
  const [category, setCategory] = useState('');
  const [notice, setNotice] = useState<Notice | null>(null);

  const overview = useApi<BudgetOverview>(`/teams/${teamId}/budget/${year}`);
  const all = useApi<TeamSpendView[]>(`/teams/${teamId}/spends`, { year });
  const listed = useApi<TeamSpendView[]>(`/teams/${teamId}/spends`, { year, status, category });
  const arrangements = useApi<ArrangementView[]>(`/teams/${teamId}/conditional-arrangements`);

  const { reload: reloadOverview } = overview;
  const { reload: reloadAll } = all;
  const { reload: reloadListed } = listed;
  const { reload: reloadArrangements } = arrangements;
  const reload = useCallback(() => {
    reloadOverview();
    reloadAll();
    reloadListed();
    reloadArrangements();
  }, [reloadOverview, reloadAll, reloadListed, reloadArrangements]);
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

  const choose = (next: { team?: string; jaar?: number }) => {
    const params = new URLSearchParams({ team: next.team ?? teamId, jaar: String(next.jaar ?? year) });
    setNotice(null);
    navigate(`/budget?${params}`, { replace: true });
  };

  const years = [...new Set([thisYear - 3, thisYear - 2, thisYear - 1, thisYear, thisYear + 1, year])].sort();
  const pendingCount = (all.data ?? []).filter((s) => s.status === 'requested').length;
  const overdueCount = (arrangements.data ?? []).filter(isOverdue).length;
  const chair = isBudgetHolder(me, teamId);
  const writer = mayWriteBudget(me, teamId);

  return (
    <div className="koers-budget">
      <div className="koers-budget-header">
        <div>
          <Heading level={1}>Budget</Heading>
          <Paragraph>
            {teamName ?? 'Casusoverleg'} · {year}
          </Paragraph>
        </div>
        <div className="koers-budget-toolbar koers-no-print">
          {myTeams.length > 1 && (
            <FormField label="Casusoverleg">
              {({ id }) => (
                <Select
                  id={id}
                  value={teamId}
                  onChange={(e) => choose({ team: e.target.value })}
                  options={myTeams.map((t) => ({ value: t.id, label: t.name }))}
                />
              )}
            </FormField>
          )}
          <FormField label="Jaar">
            {({ id }) => (
              <Select
                id={id}
                value={String(year)}
                onChange={(e) => choose({ jaar: Number(e.target.value) })}
                options={years.map((y) => ({ value: String(y), label: String(y) }))}
              />
            )}
          </FormField>
        </div>
      </div>

      <section aria-labelledby="budget-overview" className="koers-budget-section">
        <Heading level={2} id="budget-overview">
          Overzicht {year}
        </Heading>
        {overview.error ? (
          <ErrorAlert error={overview.error} />
        ) : !overview.data ? (
          <Loading what="Het budget" />
        ) : (
          <>
            {overview.data.budgetCents === null && (
              <Alert kind="warning">
                Er is nog geen jaarbudget vastgesteld voor {year}.
                {chair ? ' Stel het vast onder “Jaarbudget vaststellen”.' : ' De voorzitter stelt het vast.'}
              </Alert>
            )}
            <BudgetSummary overview={overview.data} />
          </>
        )}
      </section>

      <div className={writer ? 'koers-budget-columns' : undefined}>
        <div>
          <section aria-labelledby="budget-pending" className="koers-budget-section">
            <Heading level={2} id="budget-pending">
              Aanvragen die wachten op goedkeuring{' '}
              {pendingCount > 0 && <StatusBadge kind="warning">{pendingCount}</StatusBadge>}
            </Heading>
            {noticeFor('pending')}
            {all.error ? (
              <ErrorAlert error={all.error} />
            ) : !all.data ? (
              <Loading what="Aanvragen" />
            ) : (
              <>
                {!chair && pendingCount > 0 && (
                  <Paragraph small>
                    De voorzitter (budgethouder) keurt aanvragen goed of wijst ze af.
                  </Paragraph>
                )}
                <PendingSpends spends={all.data} onDone={done('pending')} onConflict={conflict('pending')} />
              </>
            )}
          </section>
          {overview.data && (
            <section aria-labelledby="budget-categories" className="koers-budget-section">
              <Heading level={2} id="budget-categories">
                Uitgaven per categorie
              </Heading>
              <Paragraph small>
                Elke staaf is het aandeel van de categorie in alles wat dit jaar is uitgegeven en aangevraagd.
              </Paragraph>
              <CategoryChart overview={overview.data} />
            </section>
          )}
        </div>
        {writer && (
          <section aria-labelledby="budget-new" className="koers-budget-section koers-budget-aside">
            <Heading level={2} id="budget-new">
              Nieuwe uitgave
            </Heading>
            <Paragraph small>
              Vraag geld aan uit het budget van het casusoverleg voor een cliënt. De voorzitter beslist
              erover.
            </Paragraph>
            <SpendForm teamId={teamId} onRequested={() => reload()} />
          </section>
        )}
      </div>

      {overview.data && (
        <section aria-labelledby="budget-clients" className="koers-budget-section">
          <Heading level={2} id="budget-clients">
            Uitgaven per cliënt
          </Heading>
          {overview.data.byClient.length === 0 && !overview.data.withheld ? (
            <Paragraph>Nog geen uitgaven dit jaar.</Paragraph>
          ) : (
            <ClientTable
              overview={overview.data}
              renderName={(c) => <Link href={`/clienten/${c.clientId}`}>{c.displayName}</Link>}
            />
          )}
        </section>
      )}

      <section aria-labelledby="budget-spends" className="koers-budget-section">
        <Heading level={2} id="budget-spends">
          Alle uitgaven in {year}
        </Heading>
        <div className="koers-budget-filters koers-no-print">
          <FormField label="Status">
            {({ id }) => (
              <Select
                id={id}
                value={status}
                onChange={(e) => setStatus(e.target.value)}
                placeholder="Alle statussen"
                options={SPEND_STATUSES.map((s) => ({ value: s, label: SPEND_STATUS_LABELS[s] }))}
              />
            )}
          </FormField>
          <FormField label="Categorie">
            {({ id }) => (
              <Select
                id={id}
                value={category}
                onChange={(e) => setCategory(e.target.value)}
                placeholder="Alle categorieën"
                options={SPEND_CATEGORIES.map((c) => ({ value: c, label: SPEND_CATEGORY_LABELS[c] }))}
              />
            )}
          </FormField>
        </div>
        {listed.error ? (
          <ErrorAlert error={listed.error} />
        ) : !listed.data ? (
          <Loading what="Uitgaven" />
        ) : (
          <div aria-busy={listed.loading || undefined}>
            <SpendTable
              caption={`Uitgaven in ${year}${status ? `, ${SPEND_STATUS_LABELS[status as keyof typeof SPEND_STATUS_LABELS].toLowerCase()}` : ''}${
                category
                  ? `, ${SPEND_CATEGORY_LABELS[category as keyof typeof SPEND_CATEGORY_LABELS].toLowerCase()}`
                  : ''
              } (nieuwste eerst)`}
              spends={listed.data}
              empty="Geen uitgaven gevonden met deze filters."
            />
          </div>
        )}
      </section>

      <section aria-labelledby="budget-loans" className="koers-budget-section">
        <Heading level={2} id="budget-loans">
          Leningen
        </Heading>
        {noticeFor('loans')}
        {all.data && <Loans spends={all.data} onDone={done('loans')} onConflict={conflict('loans')} />}
      </section>

      <section aria-labelledby="budget-arrangements" className="koers-budget-section">
        <Heading level={2} id="budget-arrangements">
          Voorwaardelijke afspraken{' '}
          {overdueCount > 0 && <StatusBadge kind="danger">{overdueCount} te laat getoetst</StatusBadge>}
        </Heading>
        {noticeFor('arrangements')}
        {arrangements.error ? (
          <ErrorAlert error={arrangements.error} />
        ) : !arrangements.data ? (
          <Loading what="Afspraken" />
        ) : (
          <Arrangements
            arrangements={arrangements.data}
            onDone={done('arrangements')}
            onConflict={conflict('arrangements')}
          />
        )}
      </section>

      {chair && overview.data && (
        <section aria-labelledby="budget-year" className="koers-budget-section koers-no-print">
          <Heading level={2} id="budget-year">
            Jaarbudget vaststellen
          </Heading>
          {noticeFor('budget')}
          <YearBudgetForm
            // The data's own team and year: while another year loads, the previous one is still shown.
            key={`${overview.data.teamId}-${overview.data.year}`}
            teamId={overview.data.teamId}
            year={overview.data.year}
            currentCents={overview.data.budgetCents}
            onSaved={done('budget')}
          />
        </section>
      )}
    </div>
  );
}
