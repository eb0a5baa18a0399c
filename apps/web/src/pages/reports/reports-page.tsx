/**
 * /rapportages: in- and outflow of the casusoverleg (issue 7 item 1) for any period and the whole region, one
 * municipality or one casusoverleg: inflow by source, outflow by reason, caseload per stage, time per stage and on
 * the waiting list, relapses, deadlines, spending and recovery, each as a chart with its table, every count traced
 * to the trajectories behind it, and the downloads for the council. Only for those who see every client of their
 * casusoverleg; a chain partner gets a refusal in Dutch and no request is made.
 */
import { useEffect, useMemo, useState } from 'react';
import { useMe } from '../../auth/session';
import { navigate, useLocation, usePageTitle } from '../../router';
import { ChartPatterns } from '../../reports/report-charts';
import { mayReadReports } from '../../reports/report-access';
import { ReportDownloads } from '../../reports/report-downloads';
import { type DrillTarget, DrilldownDialog, DrillProvider } from '../../reports/report-drilldown';
import { ReportFilterForm } from '../../reports/report-filters';
import { apiQuery, filtersOf, formatPeriod, type ReportFilters, searchOf } from '../../reports/report-query';
import {
  CaseloadSection,
  DeadlineSection,
  InflowSection,
  OutflowSection,
  RecoverySection,
  RelapseSection,
  ReportSectionFrame,
  SpendingSection,
  StageDurationSection,
} from '../../reports/report-sections';
import { ReportSummary } from '../../reports/report-summary';
import type { ClientName, FlowReport, ReportTeam } from '../../reports/report-types';
import '../../events/events.css';
import '../../reports/reports.css';
import { Alert, ErrorAlert, Heading, Loading, Paragraph } from '../../ui/components';
import { formatDateTime, todayIso } from '../../ui/format';
import { useApi } from '../../ui/use-api';

export function ReportsPage() {
  const me = useMe();
  usePageTitle('Rapportages');
  if (!mayReadReports(me)) {
    return (
      <>
        <Heading level={1}>Rapportages</Heading>
        <Alert kind="warning">
          U heeft geen toegang tot de rapportages. Rapportages tellen alle cliënten van een casusoverleg; ze
          zijn er alleen voor de deelnemers die al die cliënten zien (de gemeente, de verslavingszorg en de
          politie). Als ketenpartner ziet u alleen de cliënten voor wie u bent uitgenodigd.
        </Alert>
      </>
    );
  }
  return <Reports />;
}

function scopeLine(report: FlowReport): string {
  const { kind, teams } = report.scope;
  if (kind === 'team') return teams[0]?.name ?? 'Casusoverleg';
  if (kind === 'municipality') {
    const name = teams[0]?.municipality.name ?? 'Gemeente';
    return `${name} (${teams.length} ${teams.length === 1 ? 'casusoverleg' : 'casusoverleggen'})`;
  }
  return teams.length === 1 ? `Hele regio: ${teams[0].name}` : `Hele regio (${teams.length} casusoverleggen)`;
}

const SECTIONS = [
  { id: 'rpt-inflow', title: 'Instroom' },
  { id: 'rpt-outflow', title: 'Uitstroom' },
  { id: 'rpt-caseload', title: 'Lopende trajecten' },
  { id: 'rpt-durations', title: 'Doorlooptijd en wachttijd' },
  { id: 'rpt-relapses', title: 'Terugval' },
  { id: 'rpt-deadlines', title: 'Termijnen' },
  { id: 'rpt-spending', title: 'Uitgaven' },
  { id: 'rpt-recovery', title: 'Herstel' },
] as const;
const titleOf = (id: (typeof SECTIONS)[number]['id']) => SECTIONS.find((s) => s.id === id)!.title;

function Reports() {
  const { query: search } = useLocation();
  const searchKey = search.toString();
  const filters = useMemo(() => filtersOf(new URLSearchParams(searchKey)), [searchKey]);
  const query = useMemo(() => apiQuery(filters), [filters]);
  const report = useApi<FlowReport>('/reports/flow', query);

  // The area's choices are the reader's whole region; a report for one team names only that team, so the region's
  // teams are remembered from a region report, or asked for once (a one-day report: cheap).
  const [regionTeams, setRegionTeams] = useState<ReportTeam[] | null>(null);
  const loadedRegion = report.data?.scope.kind === 'region' ? report.data.scope.teams : null;
  useEffect(() => {
    if (loadedRegion) setRegionTeams(loadedRegion);
  }, [loadedRegion]);
  const today = todayIso();
  const probe = useApi<FlowReport>(
    regionTeams || (!filters.team && !filters.municipality) ? null : '/reports/flow',
    { from: today, to: today },
  );
  const teams = regionTeams ?? probe.data?.scope.teams ?? report.data?.scope.teams ?? [];

  const [drill, setDrill] = useState<DrillTarget | null>(null);
  const [wantNames, setWantNames] = useState(false);
  const clients = useApi<ClientName[]>(wantNames ? '/clients' : null);
  const drillState = useMemo(
    () => ({
      enabled: Boolean(report.data?.drilldown),
      open(target: DrillTarget) {
        setWantNames(true);
        setDrill(target);
      },
    }),
    [report.data?.drilldown],
  );

  // On paper the tables are part of the report: open them for printing, and close them again afterwards.
  useEffect(() => {
    let opened: HTMLDetailsElement[] = [];
    const before = () => {
      opened = [...document.querySelectorAll<HTMLDetailsElement>('.koers-rpt-details:not([open])')];
      opened.forEach((details) => (details.open = true));
    };
    const after = () => opened.forEach((details) => (details.open = false));
    window.addEventListener('beforeprint', before);
    window.addEventListener('afterprint', after);
    return () => {
      window.removeEventListener('beforeprint', before);
      window.removeEventListener('afterprint', after);
    };
  }, []);

  const apply = (next: ReportFilters) => navigate(`/rapportages${searchOf(next)}`);
  const data = report.data;

  return (
    <div className="koers-rpt">
      <ChartPatterns />
      <header className="koers-rpt-header">
        <Heading level={1}>Rapportages</Heading>
        <Paragraph lead>In- en uitstroom van de aanpak middelenproblematiek</Paragraph>
        {data && (
          <p className="koers-rpt-header__meta">
            <span>{scopeLine(data)}</span>
            <span>{formatPeriod(data.period)}</span>
            <span className="koers-rpt-header__generated">Opgesteld {formatDateTime(data.generatedAt)}</span>
          </p>
        )}
      </header>

      <div className="koers-rpt-controls koers-no-print">
        <section aria-labelledby="rpt-filters" className="koers-rpt-panel">
          <Heading level={2} id="rpt-filters">
            Periode en gebied
          </Heading>
          <ReportFilterForm key={searchKey} filters={filters} teams={teams} onApply={apply} />
        </section>
        {data && (
          <div className="koers-rpt-panel">
            <ReportDownloads filters={filters} />
          </div>
        )}
      </div>

      {report.error ? (
        <ErrorAlert error={report.error} />
      ) : !data ? (
        <Loading what="De rapportage" />
      ) : (
        <DrillProvider value={drillState}>
          <div className="koers-rpt-body" aria-busy={report.loading || undefined}>
            {report.loading && <Loading what="De rapportage" />}
            <ReportSummary report={data} />
            <nav aria-label="Onderdelen van de rapportage" className="koers-rpt-toc koers-no-print">
              <ul>
                {SECTIONS.map((s) => (
                  <li key={s.id}>
                    <a href={`#${s.id}`}>{s.title}</a>
                  </li>
                ))}
              </ul>
            </nav>
            {data.drilldown && (
              <Paragraph small>
                <span className="koers-no-print">
                  Klik op een aantal om de trajecten te zien die erachter zitten.
                </span>
              </Paragraph>
            )}
            <ReportSectionFrame
              id="rpt-inflow"
              title={`${titleOf('rpt-inflow')}: signalen per bron`}
              section="inflow"
              report={data}
              intro={
                <Paragraph>
                  Signalen die in de periode binnenkwamen, per partij of persoon die het signaal gaf, met het
                  besluit over inclusie zoals dat aan het eind van de periode bekend was.
                </Paragraph>
              }
            >
              {(r) => <InflowSection inflow={r.inflow!} />}
            </ReportSectionFrame>
            <ReportSectionFrame
              id="rpt-outflow"
              title={`${titleOf('rpt-outflow')}: redenen van afsluiten`}
              section="outflow"
              report={data}
              intro={
                <Paragraph>
                  Trajecten die in de periode zijn afgesloten, per reden, en of de cliënt bij het afsluiten
                  nog gebruikte.
                </Paragraph>
              }
            >
              {(r) => <OutflowSection outflow={r.outflow!} />}
            </ReportSectionFrame>
            <ReportSectionFrame
              id="rpt-caseload"
              title={`${titleOf('rpt-caseload')} per fase`}
              section="caseload"
              report={data}
              intro={
                <Paragraph>Trajecten die op de peildatum liepen, per fase waarin ze toen waren.</Paragraph>
              }
            >
              {(r) => <CaseloadSection caseload={r.caseload!} />}
            </ReportSectionFrame>
            <ReportSectionFrame
              id="rpt-durations"
              title={titleOf('rpt-durations')}
              section="stageDurations"
              report={data}
              intro={
                <Paragraph>
                  Hoe lang cliënten in een fase bleven, over de verblijven die in de periode eindigden: de
                  mediaan (de helft duurde korter) en de middelste helft (van het eerste tot het derde
                  kwartiel), in dagen. Onderaan: de tijd van signaal tot de eerste opname.
                </Paragraph>
              }
            >
              {(r) => <StageDurationSection durations={r.stageDurations!} />}
            </ReportSectionFrame>
            <ReportSectionFrame
              id="rpt-relapses"
              title={titleOf('rpt-relapses')}
              section="relapses"
              report={data}
              intro={
                <Paragraph>
                  Terug naar de motivatiefase: een terugval tijdens de nazorg, of een behandeling die werd
                  afgebroken.
                </Paragraph>
              }
            >
              {(r) => <RelapseSection relapses={r.relapses!} />}
            </ReportSectionFrame>
            <ReportSectionFrame
              id="rpt-deadlines"
              title={`${titleOf('rpt-deadlines')}: op tijd of te laat`}
              section="deadlines"
              report={data}
              intro={
                <Paragraph>
                  Termijnen die in de periode afliepen (zoals het besluit over inclusie binnen de afgesproken
                  tijd), per soort: gehaald op tijd of te laat.
                </Paragraph>
              }
            >
              {(r) => <DeadlineSection deadlines={r.deadlines!} />}
            </ReportSectionFrame>
            <ReportSectionFrame
              id="rpt-spending"
              title={`${titleOf('rpt-spending')} uit het budget`}
              section="spending"
              report={data}
              intro={
                <Paragraph>
                  Goedgekeurde uitgaven uit het budget van het casusoverleg, per categorie, naar de dag van
                  goedkeuring.
                </Paragraph>
              }
            >
              {(r) => <SpendingSection spending={r.spending!} />}
            </ReportSectionFrame>
            <ReportSectionFrame
              id="rpt-recovery"
              title={`${titleOf('rpt-recovery')}: verandering tussen eerste en laatste meting`}
              section="recovery"
              report={data}
              intro={
                <Paragraph>
                  Per cliënt de eerste en de laatste herstelmeting in de periode (met ten minste twee metingen
                  van hetzelfde instrument): hoe de gemiddelde score veranderde, en hoeveel cliënten vooruit-
                  of achteruitgingen. Een hogere score is beter.
                </Paragraph>
              }
            >
              {(r) => <RecoverySection recovery={r.recovery!} />}
            </ReportSectionFrame>
          </div>
          {drill && (
            <DrilldownDialog
              key={drill.figure}
              target={drill}
              query={query}
              teams={data.scope.teams}
              clients={clients}
              onClose={() => setDrill(null)}
            />
          )}
        </DrillProvider>
      )}
    </div>
  );
}
