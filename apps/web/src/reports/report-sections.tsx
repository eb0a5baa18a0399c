/**
 * The report's sections (issue 7): each a heading, a sentence saying what is counted, a chart and the same figures
 * as a table ("Toon als tabel"). Every count is a drilldown button (report-drilldown.tsx). A section the reader's
 * party may not see says so instead (need-to-know), as does one this installation does not keep.
 */
import type { ReactNode } from 'react';
import { Alert, Heading, Paragraph, Table } from '../ui/components';
import { formatCents } from '../ui/format';
import { BarChart, ChangeChart, type Series, SpreadChart, type SpreadRow } from './report-charts';
import { Count } from './report-drilldown';
import { formatChange, formatDay, formatDaysDecimal, formatNumber, percentOf } from './report-query';
import type { FlowReport, ReportSection, StageDurationRow } from './report-types';

type Present<K extends ReportSection> = NonNullable<FlowReport[K]>;

/** Why a section is missing for the police (or another party): the data category it is about. */
const WITHHELD_REASONS: Record<ReportSection, string> = {
  inflow: 'Deze cijfers gaan over trajecten van cliënten.',
  outflow: 'Deze cijfers gaan over trajecten van cliënten.',
  caseload: 'Deze cijfers gaan over cliënten.',
  stageDurations: 'Deze cijfers gaan over cliënten.',
  relapses: 'Terugval is een gezondheidsgegeven; uw partij heeft dat niet nodig voor haar taak.',
  deadlines: 'Deze cijfers gaan over trajecten van cliënten.',
  spending:
    'Uitgaven uit het budget zijn alleen te zien voor de voorzitter (de budgethouder) en de verslavingszorg.',
  recovery: 'Herstelmetingen zijn gezondheidsgegevens; uw partij heeft die niet nodig voor haar taak.',
};

export function ReportSectionFrame({
  id,
  title,
  intro,
  report,
  section,
  children,
}: {
  id: string;
  title: string;
  intro: ReactNode;
  report: FlowReport;
  section: ReportSection;
  children: (report: FlowReport) => ReactNode;
}) {
  const withheld = report.withheld.includes(section);
  const unavailable = report.unavailable.includes(section);
  return (
    <section aria-labelledby={id} className="koers-rpt-section" data-section={section}>
      <Heading level={2} id={id}>
        {title}
      </Heading>
      {withheld ? (
        <Alert kind="info">Niet zichtbaar voor uw partij (need-to-know). {WITHHELD_REASONS[section]}</Alert>
      ) : unavailable ? (
        <Alert kind="info">Deze gegevens worden in deze installatie van Koers niet bijgehouden.</Alert>
      ) : (
        <>
          <div className="koers-rpt-intro">{intro}</div>
          {children(report)}
        </>
      )}
    </section>
  );
}

/** The table alternative under every chart: closed by default, opened for printing. */
function AsTable({ children }: { children: ReactNode }) {
  return (
    <details className="koers-rpt-details">
      <summary>Toon als tabel</summary>
      {children}
    </details>
  );
}

const Num = ({ children, strong }: { children: ReactNode; strong?: boolean }) => (
  <td className={`utrecht-table__cell--numeric-column${strong ? ' koers-rpt-strong' : ''}`}>{children}</td>
);
const NumHead = ({ children }: { children: ReactNode }) => (
  <th scope="col" className="utrecht-table__header-cell--numeric-column">
    {children}
  </th>
);

/** One row's counts as table cells, each a drilldown into `<figure>.<measure>`, titled `<title> · <what>`. */
function CountCells({
  figure,
  title,
  cells,
}: {
  figure: string;
  title: string;
  cells: readonly (readonly [measure: string, value: number, what: string])[];
}) {
  return (
    <>
      {cells.map(([measure, value, what]) => (
        <Num key={measure}>
          <Count value={value} figure={`${figure}.${measure}`} title={`${title} · ${what}`} />
        </Num>
      ))}
    </>
  );
}

const INFLOW_SERIES: Series[] = [
  { key: 'included', label: 'Geïncludeerd', tone: 'primary' },
  { key: 'notIncluded', label: 'Niet geïncludeerd', tone: 'alert' },
  { key: 'undecided', label: 'Nog geen besluit', tone: 'neutral' },
];

export function InflowSection({ inflow }: { inflow: Present<'inflow'> }) {
  const { total } = inflow;
  if (inflow.rows.length === 0) return <Paragraph>Er kwamen in deze periode geen signalen binnen.</Paragraph>;
  return (
    <>
      <Paragraph>
        In totaal{' '}
        <Count value={total.signals} figure="inflow.all.signals" title="Instroom · alle signalen">
          {formatNumber(total.signals)} {total.signals === 1 ? 'signaal' : 'signalen'}
        </Count>
        :{' '}
        <Count value={total.included} figure="inflow.all.included" title="Instroom · geïncludeerd">
          {formatNumber(total.included)} geïncludeerd
        </Count>{' '}
        ({percentOf(total.included, total.signals)}%),{' '}
        <Count
          value={total.notIncluded}
          figure="inflow.all.not_included"
          title="Instroom · niet geïncludeerd"
        >
          {formatNumber(total.notIncluded)} niet geïncludeerd
        </Count>{' '}
        en{' '}
        <Count value={total.undecided} figure="inflow.all.undecided" title="Instroom · nog geen besluit">
          {formatNumber(total.undecided)} nog zonder besluit
        </Count>
        .
      </Paragraph>
      <figure className="koers-rpt-figure">
        <figcaption className="koers-rpt-caption">
          Signalen per bron, met het besluit over inclusie
        </figcaption>
        <BarChart
          label="Signalen per bron als staafdiagram"
          series={INFLOW_SERIES}
          rows={inflow.rows.map((row) => ({
            key: row.source,
            label: row.label,
            values: [row.included, row.notIncluded, row.undecided],
            value: (
              <Count
                value={row.signals}
                figure={`${row.figure}.signals`}
                title={`Instroom · ${row.label} · alle signalen`}
              />
            ),
            spoken: `${row.included} geïncludeerd, ${row.notIncluded} niet geïncludeerd, ${row.undecided} nog geen besluit`,
          }))}
        />
      </figure>
      <AsTable>
        <Table caption="Signalen per bron, met het besluit over inclusie">
          <thead>
            <tr>
              <th scope="col">Bron</th>
              <NumHead>Signalen</NumHead>
              <NumHead>Geïncludeerd</NumHead>
              <NumHead>Niet geïncludeerd</NumHead>
              <NumHead>Nog geen besluit</NumHead>
            </tr>
          </thead>
          <tbody>
            {inflow.rows.map((row) => (
              <tr key={row.source}>
                <th scope="row">{row.label}</th>
                <CountCells
                  figure={row.figure}
                  title={`Instroom · ${row.label}`}
                  cells={[
                    ['signals', row.signals, 'alle signalen'],
                    ['included', row.included, 'geïncludeerd'],
                    ['not_included', row.notIncluded, 'niet geïncludeerd'],
                    ['undecided', row.undecided, 'nog geen besluit'],
                  ]}
                />
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">Totaal</th>
              <Num strong>{formatNumber(total.signals)}</Num>
              <Num strong>{formatNumber(total.included)}</Num>
              <Num strong>{formatNumber(total.notIncluded)}</Num>
              <Num strong>{formatNumber(total.undecided)}</Num>
            </tr>
          </tfoot>
        </Table>
      </AsTable>
    </>
  );
}

const OUTFLOW_SERIES: Series[] = [
  { key: 'no', label: 'Gebruikt niet meer', tone: 'primary' },
  { key: 'yes', label: 'Gebruikt nog', tone: 'alert' },
  { key: 'unknown', label: 'Onbekend', tone: 'neutral' },
];

export function OutflowSection({ outflow }: { outflow: Present<'outflow'> }) {
  if (outflow.rows.length === 0)
    return <Paragraph>Er zijn in deze periode geen trajecten afgesloten.</Paragraph>;
  const { stillUsing } = outflow;
  return (
    <>
      <Paragraph>
        <Count value={outflow.total} figure="outflow.all.all" title="Uitstroom · alle afgesloten trajecten">
          {formatNumber(outflow.total)} {outflow.total === 1 ? 'traject' : 'trajecten'} afgesloten
        </Count>
        . Gebruikt niet meer:{' '}
        <Count value={stillUsing.no} figure="outflow.all.no" title="Uitstroom · gebruikt niet meer" />;
        gebruikt nog:{' '}
        <Count value={stillUsing.yes} figure="outflow.all.yes" title="Uitstroom · gebruikt nog" />; onbekend:{' '}
        <Count value={stillUsing.unknown} figure="outflow.all.unknown" title="Uitstroom · gebruik onbekend" />
        .
      </Paragraph>
      <figure className="koers-rpt-figure">
        <figcaption className="koers-rpt-caption">
          Afgesloten trajecten per reden, en of de cliënt nog gebruikt
        </figcaption>
        <BarChart
          label="Afgesloten trajecten per reden als staafdiagram"
          series={OUTFLOW_SERIES}
          rows={outflow.rows.map((row) => ({
            key: row.reason,
            label: row.label,
            values: [row.stillUsing.no, row.stillUsing.yes, row.stillUsing.unknown],
            value: (
              <Count value={row.total} figure={`${row.figure}.all`} title={`Uitstroom · ${row.label}`} />
            ),
            spoken: `${row.stillUsing.no} gebruikt niet meer, ${row.stillUsing.yes} gebruikt nog, ${row.stillUsing.unknown} onbekend`,
          }))}
        />
      </figure>
      <AsTable>
        <Table caption="Afgesloten trajecten per reden, en of de cliënt nog gebruikt">
          <thead>
            <tr>
              <th scope="col">Reden</th>
              <NumHead>Afgesloten</NumHead>
              <NumHead>Gebruikt niet meer</NumHead>
              <NumHead>Gebruikt nog</NumHead>
              <NumHead>Onbekend</NumHead>
            </tr>
          </thead>
          <tbody>
            {outflow.rows.map((row) => (
              <tr key={row.reason}>
                <th scope="row">{row.label}</th>
                <CountCells
                  figure={row.figure}
                  title={`Uitstroom · ${row.label}`}
                  cells={[
                    ['all', row.total, 'alle'],
                    ['no', row.stillUsing.no, 'gebruikt niet meer'],
                    ['yes', row.stillUsing.yes, 'gebruikt nog'],
                    ['unknown', row.stillUsing.unknown, 'gebruik onbekend'],
                  ]}
                />
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">Totaal</th>
              <Num strong>{formatNumber(outflow.total)}</Num>
              <Num strong>{formatNumber(stillUsing.no)}</Num>
              <Num strong>{formatNumber(stillUsing.yes)}</Num>
              <Num strong>{formatNumber(stillUsing.unknown)}</Num>
            </tr>
          </tfoot>
        </Table>
      </AsTable>
    </>
  );
}

const ONE_SERIES = (label: string): Series[] => [{ key: 'value', label, tone: 'primary' }];

export function CaseloadSection({ caseload }: { caseload: Present<'caseload'> }) {
  const date = formatDay(caseload.date);
  return (
    <>
      <Paragraph>
        Aan het eind van {date} liepen er{' '}
        <Count value={caseload.total} figure="caseload.all" title={`Lopende trajecten op ${date}`}>
          {formatNumber(caseload.total)} {caseload.total === 1 ? 'traject' : 'trajecten'}
        </Count>
        .
      </Paragraph>
      <figure className="koers-rpt-figure">
        <figcaption className="koers-rpt-caption">Lopende trajecten per fase op {date}</figcaption>
        <BarChart
          label={`Lopende trajecten per fase op ${date} als staafdiagram`}
          series={ONE_SERIES('Trajecten')}
          rows={caseload.rows.map((row) => ({
            key: row.stage,
            label: row.label,
            values: [row.count],
            value: (
              <Count
                value={row.count}
                figure={row.figure}
                title={`Lopende trajecten in fase ${row.label} op ${date}`}
              />
            ),
          }))}
        />
      </figure>
      <AsTable>
        <Table caption={`Lopende trajecten per fase op ${date}`}>
          <thead>
            <tr>
              <th scope="col">Fase</th>
              <NumHead>Trajecten</NumHead>
            </tr>
          </thead>
          <tbody>
            {caseload.rows.map((row) => (
              <tr key={row.stage}>
                <th scope="row">{row.label}</th>
                <Num>
                  <Count
                    value={row.count}
                    figure={row.figure}
                    title={`Lopende trajecten in fase ${row.label} op ${date}`}
                  />
                </Num>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">Totaal</th>
              <Num strong>{formatNumber(caseload.total)}</Num>
            </tr>
          </tfoot>
        </Table>
      </AsTable>
    </>
  );
}

/** The stages before admission (the others, admission and aftercare, get a chart of their own). */
const ROAD_TO_ADMISSION = ['signal', 'consent', 'motivation', 'waiting_list'];

const days = (value: number | null) => (value === null ? '—' : formatNumber(value));
const spread = (q1: number | null, q3: number | null) =>
  q1 === null || q3 === null ? '' : `middelste helft ${formatNumber(q1)} tot ${formatNumber(q3)} dagen`;

export function StageDurationSection({ durations }: { durations: Present<'stageDurations'> }) {
  const waiting = durations.rows.find((row) => row.stage === 'waiting_list');
  const toAdmission = durations.signalToAdmission;
  // Two charts, each on its own scale: the road to admission takes days to weeks, aftercare up to a year, and on
  // one axis the waiting list would shrink to a sliver.
  const before = durations.rows.filter((row) => ROAD_TO_ADMISSION.includes(row.stage));
  const after = durations.rows.filter((row) => !ROAD_TO_ADMISSION.includes(row.stage));
  const spreadRow = (row: StageDurationRow): SpreadRow => ({
    key: row.stage,
    label: row.label,
    q1: row.q1Days,
    median: row.medianDays,
    q3: row.q3Days,
    emphasis: row.stage === 'waiting_list',
    value: (
      <Count value={row.count} figure={row.figure} title={`Afgeronde verblijven in fase ${row.label}`}>
        {formatDaysDecimal(row.medianDays)}
      </Count>
    ),
    spoken:
      row.medianDays === null
        ? 'geen afgeronde verblijven'
        : `mediaan, ${spread(row.q1Days, row.q3Days)}, ${row.count} afgerond`,
  });
  return (
    <>
      <Paragraph>
        {waiting && waiting.medianDays !== null ? (
          <>
            <strong>Wachtlijst:</strong> de helft van de cliënten die in deze periode van de wachtlijst
            kwamen, wachtte korter dan {formatDaysDecimal(waiting.medianDays)} (
            {spread(waiting.q1Days, waiting.q3Days)}; {formatNumber(waiting.count)}{' '}
            {waiting.count === 1 ? 'cliënt' : 'cliënten'}).{' '}
          </>
        ) : (
          <>Niemand kwam in deze periode van de wachtlijst. </>
        )}
        {toAdmission.medianDays !== null && (
          <>
            Van signaal tot opname duurde het in de helft van de gevallen korter dan{' '}
            {formatDaysDecimal(toAdmission.medianDays)}.
          </>
        )}
      </Paragraph>
      <figure className="koers-rpt-figure">
        <figcaption className="koers-rpt-caption">
          Op weg naar opname: dagen per fase en van signaal tot opname (mediaan en middelste helft)
        </figcaption>
        <SpreadChart
          label="Dagen per fase tot de opname als diagram"
          unit="dagen"
          rows={[
            ...before.map(spreadRow),
            {
              key: 'signal_to_admission',
              label: 'Van signaal tot opname',
              q1: toAdmission.q1Days,
              median: toAdmission.medianDays,
              q3: toAdmission.q3Days,
              separated: true,
              value: (
                <Count
                  value={toAdmission.count}
                  figure={toAdmission.figure}
                  title="Van signaal tot eerste opname"
                >
                  {formatDaysDecimal(toAdmission.medianDays)}
                </Count>
              ),
              spoken:
                toAdmission.medianDays === null
                  ? 'geen opnames'
                  : `mediaan, ${spread(toAdmission.q1Days, toAdmission.q3Days)}, ${toAdmission.count} opgenomen`,
            },
          ]}
        />
      </figure>
      {after.length > 0 && (
        <figure className="koers-rpt-figure">
          <figcaption className="koers-rpt-caption">
            Opname en nazorg: dagen per fase (mediaan en middelste helft)
          </figcaption>
          <SpreadChart
            label="Dagen in opname en nazorg als diagram"
            unit="dagen"
            rows={after.map(spreadRow)}
          />
        </figure>
      )}
      <AsTable>
        <Table caption="Dagen per fase en van signaal tot opname">
          <thead>
            <tr>
              <th scope="col">Fase</th>
              <NumHead>Afgerond</NumHead>
              <NumHead>1e kwartiel</NumHead>
              <NumHead>Mediaan</NumHead>
              <NumHead>3e kwartiel</NumHead>
              <NumHead>Gemiddeld</NumHead>
              <NumHead>Nog bezig</NumHead>
              <NumHead>Mediaan tot nu</NumHead>
            </tr>
          </thead>
          <tbody>
            {durations.rows.map((row) => (
              <tr key={row.stage}>
                <th scope="row">{row.label}</th>
                <Num>
                  <Count
                    value={row.count}
                    figure={row.figure}
                    title={`Afgeronde verblijven in fase ${row.label}`}
                  />
                </Num>
                <Num>{days(row.q1Days)}</Num>
                <Num>{days(row.medianDays)}</Num>
                <Num>{days(row.q3Days)}</Num>
                <Num>{days(row.meanDays)}</Num>
                <Num>{formatNumber(row.ongoing.count)}</Num>
                <Num>{days(row.ongoing.medianDays)}</Num>
              </tr>
            ))}
            <tr>
              <th scope="row">Van signaal tot opname</th>
              <Num>
                <Count
                  value={toAdmission.count}
                  figure={toAdmission.figure}
                  title="Van signaal tot eerste opname"
                />
              </Num>
              <Num>{days(toAdmission.q1Days)}</Num>
              <Num>{days(toAdmission.medianDays)}</Num>
              <Num>{days(toAdmission.q3Days)}</Num>
              <Num>{days(toAdmission.meanDays)}</Num>
              <Num>—</Num>
              <Num>—</Num>
            </tr>
          </tbody>
        </Table>
        <Paragraph small>
          In dagen. “Nog bezig”: verblijven die aan het eind van de periode nog liepen, met hoe lang die toen
          al duurden.
        </Paragraph>
      </AsTable>
    </>
  );
}

export function RelapseSection({ relapses }: { relapses: Present<'relapses'> }) {
  const rows = [
    { key: 'relapsed', label: 'Terugval tijdens nazorg', value: relapses.relapsed },
    { key: 'treatment_aborted', label: 'Behandeling afgebroken', value: relapses.treatmentAborted },
  ];
  return (
    <>
      <Paragraph>
        {relapses.total === 0 ? (
          'Er was in deze periode geen terugval.'
        ) : (
          <>
            <Count value={relapses.clients} figure="relapses.all" title="Terugval · alle cliënten">
              {formatNumber(relapses.clients)} {relapses.clients === 1 ? 'cliënt' : 'cliënten'}
            </Count>{' '}
            vielen terug naar de motivatiefase, in totaal {formatNumber(relapses.total)} keer.
          </>
        )}
      </Paragraph>
      {relapses.total > 0 && (
        <figure className="koers-rpt-figure">
          <figcaption className="koers-rpt-caption">Terugval naar de motivatiefase, per soort</figcaption>
          <BarChart
            label="Terugval per soort als staafdiagram"
            series={ONE_SERIES('Aantal')}
            rows={rows.map((row) => ({
              key: row.key,
              label: row.label,
              values: [row.value],
              value: (
                <Count value={row.value} figure={`relapses.${row.key}`} title={`Terugval · ${row.label}`} />
              ),
            }))}
          />
        </figure>
      )}
      <AsTable>
        <Table caption="Terugval naar de motivatiefase, per soort">
          <thead>
            <tr>
              <th scope="col">Soort</th>
              <NumHead>Aantal</NumHead>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.key}>
                <th scope="row">{row.label}</th>
                <Num>
                  <Count value={row.value} figure={`relapses.${row.key}`} title={`Terugval · ${row.label}`} />
                </Num>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">Totaal</th>
              <Num strong>{formatNumber(relapses.total)}</Num>
            </tr>
          </tfoot>
        </Table>
      </AsTable>
    </>
  );
}

const DEADLINE_SERIES: Series[] = [
  { key: 'onTime', label: 'Op tijd', tone: 'primary' },
  { key: 'late', label: 'Te laat', tone: 'alert' },
];

export function DeadlineSection({ deadlines }: { deadlines: Present<'deadlines'> }) {
  const { total } = deadlines;
  if (deadlines.rows.length === 0) return <Paragraph>Er liepen in deze periode geen termijnen af.</Paragraph>;
  return (
    <>
      <Paragraph>
        Van de{' '}
        <Count value={total.total} figure="deadlines.all.all" title="Termijnen · alle afgelopen">
          {formatNumber(total.total)} termijnen
        </Count>{' '}
        die in deze periode afliepen, werden er{' '}
        <Count value={total.onTime} figure="deadlines.all.on_time" title="Termijnen · op tijd">
          {formatNumber(total.onTime)}
        </Count>{' '}
        op tijd gehaald ({percentOf(total.onTime, total.total)}%) en{' '}
        <Count value={total.late} figure="deadlines.all.late" title="Termijnen · te laat">
          {formatNumber(total.late)}
        </Count>{' '}
        te laat.
        {total.overdueOpen > 0 && (
          <>
            {' '}
            <Count
              value={total.overdueOpen}
              figure="deadlines.all.overdue_open"
              title="Termijnen · open en verlopen"
            >
              {formatNumber(total.overdueOpen)}
            </Count>{' '}
            {total.overdueOpen === 1 ? 'stond' : 'stonden'} aan het eind van de periode nog open terwijl de
            termijn al verlopen was.
          </>
        )}
      </Paragraph>
      <figure className="koers-rpt-figure">
        <figcaption className="koers-rpt-caption">Termijnen per soort: op tijd of te laat</figcaption>
        <BarChart
          label="Termijnen per soort als staafdiagram"
          series={DEADLINE_SERIES}
          rows={deadlines.rows.map((row) => ({
            key: row.kind,
            label: row.label,
            values: [row.onTime, row.late],
            value: (
              <Count value={row.total} figure={`${row.figure}.all`} title={`Termijnen · ${row.label}`} />
            ),
            spoken: `${row.onTime} op tijd, ${row.late} te laat`,
          }))}
        />
      </figure>
      <AsTable>
        <Table caption="Termijnen per soort: op tijd of te laat">
          <thead>
            <tr>
              <th scope="col">Termijn</th>
              <NumHead>Op tijd</NumHead>
              <NumHead>Te laat</NumHead>
              <NumHead>Totaal</NumHead>
              <NumHead>Op tijd (%)</NumHead>
              <NumHead>Open en verlopen</NumHead>
            </tr>
          </thead>
          <tbody>
            {deadlines.rows.map((row) => (
              <tr key={row.kind}>
                <th scope="row">{row.label}</th>
                <CountCells
                  figure={row.figure}
                  title={`Termijnen · ${row.label}`}
                  cells={[
                    ['on_time', row.onTime, 'op tijd'],
                    ['late', row.late, 'te laat'],
                    ['all', row.total, 'alle afgelopen'],
                  ]}
                />
                <Num>{row.total > 0 ? `${percentOf(row.onTime, row.total)}%` : '—'}</Num>
                <Num>
                  <Count
                    value={row.overdueOpen}
                    figure={`${row.figure}.overdue_open`}
                    title={`Termijnen · ${row.label} · open en verlopen`}
                  />
                </Num>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">Totaal</th>
              <Num strong>{formatNumber(total.onTime)}</Num>
              <Num strong>{formatNumber(total.late)}</Num>
              <Num strong>{formatNumber(total.total)}</Num>
              <Num strong>{total.total > 0 ? `${percentOf(total.onTime, total.total)}%` : '—'}</Num>
              <Num strong>{formatNumber(total.overdueOpen)}</Num>
            </tr>
          </tfoot>
        </Table>
      </AsTable>
    </>
  );
}

export function SpendingSection({ spending }: { spending: Present<'spending'> }) {
  const { total } = spending;
  if (spending.rows.length === 0)
    return <Paragraph>Er zijn in deze periode geen uitgaven goedgekeurd.</Paragraph>;
  return (
    <>
      <Paragraph>
        In deze periode is{' '}
        <Count value={total.spends} figure="spending.all" title="Uitgaven · alle categorieën">
          {formatCents(total.amountCents)}
        </Count>{' '}
        goedgekeurd, in {formatNumber(total.spends)} {total.spends === 1 ? 'uitgave' : 'uitgaven'} voor{' '}
        {formatNumber(total.clients)} {total.clients === 1 ? 'cliënt' : 'cliënten'}.
      </Paragraph>
      <figure className="koers-rpt-figure">
        <figcaption className="koers-rpt-caption">Goedgekeurde uitgaven per categorie, in euro’s</figcaption>
        <BarChart
          label="Uitgaven per categorie als staafdiagram"
          series={ONE_SERIES('Bedrag')}
          format={(cents) => formatCents(cents)}
          rows={spending.rows.map((row) => ({
            key: row.category,
            label: row.label,
            values: [row.amountCents],
            value: (
              <Count value={row.spends} figure={row.figure} title={`Uitgaven · ${row.label}`}>
                {formatCents(row.amountCents)}
              </Count>
            ),
          }))}
        />
      </figure>
      <AsTable>
        <Table caption="Goedgekeurde uitgaven per categorie">
          <thead>
            <tr>
              <th scope="col">Categorie</th>
              <NumHead>Cliënten</NumHead>
              <NumHead>Uitgaven</NumHead>
              <NumHead>Bedrag</NumHead>
            </tr>
          </thead>
          <tbody>
            {spending.rows.map((row) => (
              <tr key={row.category}>
                <th scope="row">{row.label}</th>
                <Num>
                  <Count value={row.clients} figure={row.figure} title={`Uitgaven · ${row.label}`} />
                </Num>
                <Num>{formatNumber(row.spends)}</Num>
                <Num>{formatCents(row.amountCents)}</Num>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">Totaal</th>
              <Num strong>{formatNumber(total.clients)}</Num>
              <Num strong>{formatNumber(total.spends)}</Num>
              <Num strong>{formatCents(total.amountCents)}</Num>
            </tr>
          </tfoot>
        </Table>
      </AsTable>
    </>
  );
}

/** The scales of the instruments (domain.md §7); an unknown one gets the range of its scores. */
const INSTRUMENT_SCALES: Record<string, { min: number; max: number }> = {
  barc10: { min: 10, max: 60 },
  mhqol: { min: 0, max: 21 },
};

const CHANGE_SERIES: Series[] = [
  { key: 'improved', label: 'Verbeterd', tone: 'primary' },
  { key: 'unchanged', label: 'Gelijk gebleven', tone: 'neutral' },
  { key: 'worsened', label: 'Verslechterd', tone: 'alert' },
];

/** The instrument's name without its scale ("BARC-10"), for short labels. */
const shortLabel = (label: string) => label.replace(/\s*\(.*\)\s*$/, '');

export function RecoverySection({ recovery }: { recovery: Present<'recovery'> }) {
  const measured = recovery.rows.filter(
    (row) => row.clients > 0 && row.meanFirst !== null && row.meanLast !== null,
  );
  if (measured.length === 0)
    return (
      <Paragraph>
        Geen cliënten met twee of meer herstelmetingen van hetzelfde instrument in deze periode.
      </Paragraph>
    );
  return (
    <>
      {measured.map((row) => (
        <Paragraph key={row.instrument}>
          <strong>{shortLabel(row.label)}:</strong>{' '}
          <Count value={row.clients} figure={row.figure} title={`Herstel · ${row.label}`}>
            {formatNumber(row.clients)} {row.clients === 1 ? 'cliënt' : 'cliënten'}
          </Count>{' '}
          met twee of meer metingen; gemiddeld van {formatNumber(row.meanFirst!)} naar{' '}
          {formatNumber(row.meanLast!)} ({formatChange(row.meanChange)}). {row.improved} verbeterd,{' '}
          {row.unchanged} gelijk, {row.worsened} verslechterd.
          {row.threshold !== null && row.atOrAboveThreshold !== null && (
            <>
              {' '}
              {formatNumber(row.atOrAboveThreshold)} van de {formatNumber(row.clients)} scoorden bij de
              laatste meting {row.threshold} of hoger, de drempel die duurzaam herstel voorspelt.
            </>
          )}
        </Paragraph>
      ))}
      <figure className="koers-rpt-figure">
        <figcaption className="koers-rpt-caption">
          Gemiddelde score bij de eerste en de laatste meting in de periode, per instrument
        </figcaption>
        <ChangeChart
          label="Verandering tussen eerste en laatste meting als diagram"
          rows={measured.map((row) => {
            const scale = INSTRUMENT_SCALES[row.instrument] ?? {
              min: 0,
              max: Math.max(row.meanFirst!, row.meanLast!, 1),
            };
            return {
              key: row.instrument,
              label: row.label,
              first: row.meanFirst!,
              last: row.meanLast!,
              ...scale,
              threshold: row.threshold,
              value: (
                <Count value={row.clients} figure={row.figure} title={`Herstel · ${row.label}`}>
                  {formatChange(row.meanChange)}
                </Count>
              ),
              spoken: `gemiddeld van ${formatNumber(row.meanFirst!)} naar ${formatNumber(row.meanLast!)}`,
            };
          })}
        />
      </figure>
      <figure className="koers-rpt-figure">
        <figcaption className="koers-rpt-caption">
          Cliënten per instrument: verbeterd, gelijk of verslechterd
        </figcaption>
        <BarChart
          label="Verbeterd, gelijk of verslechterd als staafdiagram"
          series={CHANGE_SERIES}
          rows={measured.map((row) => ({
            key: row.instrument,
            label: shortLabel(row.label),
            values: [row.improved, row.unchanged, row.worsened],
            value: <Count value={row.clients} figure={row.figure} title={`Herstel · ${row.label}`} />,
            spoken: `${row.improved} verbeterd, ${row.unchanged} gelijk, ${row.worsened} verslechterd`,
          }))}
        />
      </figure>
      <AsTable>
        <Table caption="Verandering tussen eerste en laatste meting, per instrument">
          <thead>
            <tr>
              <th scope="col">Instrument</th>
              <NumHead>Cliënten</NumHead>
              <NumHead>Eerste (gem.)</NumHead>
              <NumHead>Laatste (gem.)</NumHead>
              <NumHead>Verandering (gem.)</NumHead>
              <NumHead>Verandering (mediaan)</NumHead>
              <NumHead>Verbeterd</NumHead>
              <NumHead>Gelijk</NumHead>
              <NumHead>Verslechterd</NumHead>
              <NumHead>Op of boven drempel</NumHead>
            </tr>
          </thead>
          <tbody>
            {recovery.rows.map((row) => (
              <tr key={row.instrument}>
                <th scope="row">{row.label}</th>
                <Num>
                  <Count value={row.clients} figure={row.figure} title={`Herstel · ${row.label}`} />
                </Num>
                <Num>{row.meanFirst === null ? '—' : formatNumber(row.meanFirst)}</Num>
                <Num>{row.meanLast === null ? '—' : formatNumber(row.meanLast)}</Num>
                <Num>{formatChange(row.meanChange)}</Num>
                <Num>{formatChange(row.medianChange)}</Num>
                <Num>{formatNumber(row.improved)}</Num>
                <Num>{formatNumber(row.unchanged)}</Num>
                <Num>{formatNumber(row.worsened)}</Num>
                <Num>
                  {row.atOrAboveThreshold === null
                    ? '—'
                    : `${formatNumber(row.atOrAboveThreshold)} (≥ ${row.threshold})`}
                </Num>
              </tr>
            ))}
          </tbody>
        </Table>
      </AsTable>
    </>
  );
}
