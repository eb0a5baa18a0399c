/**
 * The report's key figures at a glance (what a council asks first): how many came in, went out and are in
 * care now, how long the waiting list is, and whether deadlines are met. Sections the reader may not see are left
 * out, not shown as zero.
 */
import type { ReactNode } from 'react';
import { formatDay, formatDaysDecimal, formatNumber, percentOf } from './report-query';
import type { FlowReport } from './report-types';

/** Whole euros: a key figure needs no cents (the section below has them). */
const euros = new Intl.NumberFormat('nl-NL', {
  style: 'currency',
  currency: 'EUR',
  maximumFractionDigits: 0,
});

interface Figure {
  key: string;
  label: string;
  value: ReactNode;
  note?: ReactNode;
}

export function ReportSummary({ report }: { report: FlowReport }) {
  const figures: Figure[] = [];
  if (report.inflow) {
    figures.push({
      key: 'inflow',
      label: 'Signalen',
      value: formatNumber(report.inflow.total.signals),
      note: `${formatNumber(report.inflow.total.included)} geïncludeerd`,
    });
  }
  if (report.outflow) {
    figures.push({
      key: 'outflow',
      label: 'Afgesloten trajecten',
      value: formatNumber(report.outflow.total),
      note: `${formatNumber(report.outflow.stillUsing.no)} gebruikt niet meer`,
    });
  }
  if (report.caseload) {
    figures.push({
      key: 'caseload',
      label: 'Lopende trajecten',
      value: formatNumber(report.caseload.total),
      note: `op ${formatDay(report.caseload.date)}`,
    });
  }
  if (report.stageDurations) {
    const waiting = report.stageDurations.rows.find((row) => row.stage === 'waiting_list');
    if (waiting) {
      figures.push({
        key: 'waiting',
        label: 'Wachttijd (mediaan)',
        value: formatDaysDecimal(waiting.medianDays),
        note:
          waiting.q1Days !== null && waiting.q3Days !== null
            ? `middelste helft ${formatNumber(waiting.q1Days)}–${formatNumber(waiting.q3Days)} dagen`
            : 'niemand kwam van de wachtlijst',
      });
    }
    figures.push({
      key: 'to-admission',
      label: 'Signaal tot opname (mediaan)',
      value: formatDaysDecimal(report.stageDurations.signalToAdmission.medianDays),
      note: `${formatNumber(report.stageDurations.signalToAdmission.count)} opgenomen`,
    });
  }
  if (report.deadlines && report.deadlines.total.total > 0) {
    const { onTime, total } = report.deadlines.total;
    figures.push({
      key: 'deadlines',
      label: 'Termijnen op tijd',
      value: `${percentOf(onTime, total)}%`,
      note: `${formatNumber(onTime)} van ${formatNumber(total)}`,
    });
  }
  if (report.spending) {
    figures.push({
      key: 'spending',
      label: 'Uitgegeven uit budget',
      value: euros.format(Math.round(report.spending.total.amountCents / 100)),
      note: `voor ${formatNumber(report.spending.total.clients)} ${report.spending.total.clients === 1 ? 'cliënt' : 'cliënten'}`,
    });
  }
  if (figures.length === 0) return null;
  return (
    <section aria-labelledby="rpt-summary" className="koers-rpt-summary">
      <h2 id="rpt-summary" className="koers-visually-hidden">
        Kerncijfers
      </h2>
      <dl className="koers-rpt-kpis">
        {figures.map((figure) => (
          <div key={figure.key} className="koers-rpt-kpi" data-kpi={figure.key}>
            <dt className="koers-rpt-kpi__label">{figure.label}</dt>
            <dd className="koers-rpt-kpi__value">{figure.value}</dd>
            {figure.note && <dd className="koers-rpt-kpi__note">{figure.note}</dd>}
          </div>
        ))}
      </dl>
    </section>
  );
}
