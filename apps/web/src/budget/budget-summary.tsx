import { useId } from 'react';
import { StatusBadge } from '../ui/components';
import { formatCents, formatDateTime } from '../ui/format';
import type { BudgetOverview } from './budget-types';

const count = (n: number, one: string, many: string) => (n === 1 ? `1 ${one}` : `${n} ${many}`);
const percent = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 100) : 0);

/**
 * The year at a glance, as a council would ask it: the budget, what was spent (net of loans paid back), what is
 * asked for and not yet decided, and what remains. The bar repeats the figures beside it; it is hidden from
 * screen readers, which read the figures.
 */
export function BudgetSummary({ overview }: { overview: BudgetOverview }) {
  const budget = overview.budgetCents;
  return (
    <div className="koers-budget-summary">
      <dl className="koers-budget-figures">
        <div className="koers-budget-figure" data-figure="budget">
          <dt>Jaarbudget {overview.year}</dt>
          <dd className="koers-budget-figure__value">
            {budget === null ? 'Niet vastgesteld' : formatCents(budget)}
          </dd>
          <dd className="koers-budget-figure__note">
            {overview.budgetUpdatedBy
              ? `Vastgesteld door ${overview.budgetUpdatedBy.displayName}, ${formatDateTime(overview.budgetUpdatedAt)}`
              : 'De voorzitter stelt het jaarbudget vast.'}
          </dd>
        </div>
        <div className="koers-budget-figure" data-figure="spent">
          <dt>Uitgegeven</dt>
          <dd className="koers-budget-figure__value">{formatCents(overview.spentCents)}</dd>
          <dd className="koers-budget-figure__note">
            {count(overview.approvedCount, 'goedgekeurde uitgave', 'goedgekeurde uitgaven')}
            {overview.repaidCents > 0 && `; ${formatCents(overview.repaidCents)} terugbetaald op leningen`}
          </dd>
        </div>
        <div className="koers-budget-figure" data-figure="pending">
          <dt>Wacht op goedkeuring</dt>
          <dd className="koers-budget-figure__value">{formatCents(overview.pendingCents)}</dd>
          <dd className="koers-budget-figure__note">
            {count(overview.pendingCount, 'aanvraag', 'aanvragen')}
          </dd>
        </div>
        <div
          className={`koers-budget-figure koers-budget-figure--remaining${
            overview.overspent ? ' koers-budget-figure--overspent' : ''
          }`}
          data-figure="remaining"
        >
          <dt>Resterend</dt>
          <dd className="koers-budget-figure__value">{formatCents(overview.remainingCents)}</dd>
          <dd className="koers-budget-figure__note">
            {overview.overspent ? (
              <StatusBadge kind="danger">Budget overschreden</StatusBadge>
            ) : (
              `Na alle aanvragen: ${formatCents(overview.remainingAfterPendingCents)}`
            )}
          </dd>
        </div>
        <div className="koers-budget-figure" data-figure="loans">
          <dt>Uitstaande leningen</dt>
          <dd className="koers-budget-figure__value">{formatCents(overview.openLoanCents)}</dd>
          <dd className="koers-budget-figure__note">Vloeit terug in het budget zodra het is terugbetaald</dd>
        </div>
      </dl>
      {budget !== null && budget > 0 && <TotalBar overview={overview} budget={budget} />}
    </div>
  );
}

/** Spent and pending against the budget, as one bar with its legend in words and percentages. */
function TotalBar({ overview, budget }: { overview: BudgetOverview; budget: number }) {
  const hatch = `koers-hatch-${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
  // Overspent: the bar's whole length is what was spent, the budget a marker inside it.
  const scale = Math.max(budget, overview.spentCents + overview.pendingCents);
  const spent = (Math.max(0, overview.spentCents) / scale) * 100;
  const pending = (overview.pendingCents / scale) * 100;
  const budgetMark = (budget / scale) * 100;
  return (
    <figure className="koers-budget-total">
      <svg
        className="koers-budget-total__bar"
        viewBox="0 0 100 10"
        preserveAspectRatio="none"
        aria-hidden="true"
        focusable="false"
      >
        <defs>
          <pattern
            id={hatch}
            width="2"
            height="2"
            patternUnits="userSpaceOnUse"
            patternTransform="rotate(45)"
          >
            <rect width="2" height="2" className="koers-budget-svg-pending-bg" />
            <rect width="0.8" height="2" className="koers-budget-svg-pending" />
          </pattern>
        </defs>
        <rect x="0" y="0" width="100" height="10" className="koers-budget-svg-track" />
        <rect x="0" y="0" width={spent} height="10" className="koers-budget-svg-spent" />
        <rect x={spent} y="0" width={pending} height="10" fill={`url(#${hatch})`} />
        {budgetMark < 100 && (
          <rect x={budgetMark - 0.3} y="0" width="0.6" height="10" className="koers-budget-svg-mark" />
        )}
      </svg>
      <figcaption className="koers-budget-legend">
        <span className="koers-budget-legend__item">
          <span className="koers-budget-swatch koers-budget-swatch--spent" aria-hidden="true" />
          Uitgegeven {formatCents(overview.spentCents)} ({percent(overview.spentCents, budget)}% van het
          budget)
        </span>
        <span className="koers-budget-legend__item">
          <span className="koers-budget-swatch koers-budget-swatch--pending" aria-hidden="true" />
          Wacht op goedkeuring {formatCents(overview.pendingCents)} ({percent(overview.pendingCents, budget)}
          %)
        </span>
        <span className="koers-budget-legend__item">
          <span className="koers-budget-swatch koers-budget-swatch--track" aria-hidden="true" />
          {overview.remainingAfterPendingCents >= 0
            ? `Vrij na alle aanvragen ${formatCents(overview.remainingAfterPendingCents)}`
            : `Tekort na alle aanvragen ${formatCents(-overview.remainingAfterPendingCents)}`}
        </span>
      </figcaption>
    </figure>
  );
}
