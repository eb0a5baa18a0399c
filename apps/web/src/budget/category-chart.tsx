import { type ReactNode, useId } from 'react';
import { Table } from '../ui/components';
import { formatCents } from '../ui/format';
import type { BudgetOverview } from './budget-types';

const percent = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 100) : 0);

/**
 * Spent per category against the total: one horizontal bar per category whose length is its share of everything
 * spent and asked for this year (pending hatched, so colour is not the only difference). The figures stand as text
 * beside each bar; the bars themselves are hidden from screen readers, and the same figures follow as a table.
 * Widths are SVG attributes, not inline styles (the Content-Security-Policy forbids those).
 */
export function CategoryChart({ overview }: { overview: BudgetOverview }) {
  const hatch = `koers-cat-hatch-${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
  const total = overview.byCategory.reduce((sum, c) => sum + Math.max(0, c.spentCents) + c.pendingCents, 0);
  const spentTotal = Math.max(0, overview.spentCents);
  return (
    <>
      <svg className="koers-budget-defs" aria-hidden="true" focusable="false">
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
      </svg>
      <ul className="koers-budget-bars" aria-label="Uitgaven per categorie als staafdiagram">
        {overview.byCategory.map((c) => {
          const spent = total > 0 ? (Math.max(0, c.spentCents) / total) * 100 : 0;
          const pending = total > 0 ? (c.pendingCents / total) * 100 : 0;
          return (
            <li key={c.category} className="koers-budget-bars__row">
              <span className="koers-budget-bars__label">{c.categoryLabel}</span>
              <svg
                className="koers-budget-bars__bar"
                viewBox="0 0 100 10"
                preserveAspectRatio="none"
                aria-hidden="true"
                focusable="false"
              >
                <rect x="0" y="0" width="100" height="10" className="koers-budget-svg-track" />
                <rect x="0" y="0" width={spent} height="10" className="koers-budget-svg-spent" />
                <rect x={spent} y="0" width={pending} height="10" fill={`url(#${hatch})`} />
              </svg>
              <span className="koers-budget-bars__value">
                <span className="koers-budget-strong">{formatCents(c.spentCents)}</span> uitgegeven
                {spentTotal > 0 && ` (${percent(Math.max(0, c.spentCents), spentTotal)}%)`}
                {c.pendingCents > 0 && (
                  <span className="koers-budget-bars__pending">
                    + {formatCents(c.pendingCents)} wacht op goedkeuring
                  </span>
                )}
              </span>
            </li>
          );
        })}
      </ul>
      <details className="koers-budget-details">
        <summary>Uitgaven per categorie als tabel</summary>
        <CategoryTable overview={overview} />
      </details>
    </>
  );
}

export function CategoryTable({ overview }: { overview: BudgetOverview }) {
  return (
    <Table caption={`Uitgaven per categorie in ${overview.year}`}>
      <thead>
        <tr>
          <th scope="col">Categorie</th>
          <th scope="col" className="utrecht-table__header-cell--numeric-column">
            Goedgekeurd
          </th>
          <th scope="col" className="utrecht-table__header-cell--numeric-column">
            Terugbetaald
          </th>
          <th scope="col" className="utrecht-table__header-cell--numeric-column">
            Uitgegeven
          </th>
          <th scope="col" className="utrecht-table__header-cell--numeric-column">
            Wacht op goedkeuring
          </th>
          <th scope="col" className="utrecht-table__header-cell--numeric-column">
            Uitstaande leningen
          </th>
        </tr>
      </thead>
      <tbody>
        {overview.byCategory.map((c) => (
          <tr key={c.category}>
            <th scope="row">{c.categoryLabel}</th>
            <Money cents={c.approvedCents} />
            <Money cents={c.repaidCents} />
            <Money cents={c.spentCents} />
            <Money cents={c.pendingCents} />
            <Money cents={c.openLoanCents} />
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">Totaal</th>
          <Money cents={overview.approvedCents} strong />
          <Money cents={overview.repaidCents} strong />
          <Money cents={overview.spentCents} strong />
          <Money cents={overview.pendingCents} strong />
          <Money cents={overview.openLoanCents} strong />
        </tr>
      </tfoot>
    </Table>
  );
}

export function Money({ cents, strong }: { cents: number; strong?: boolean }) {
  return (
    <td
      className={`utrecht-table__cell--numeric-column koers-budget-nowrap${strong ? ' koers-budget-strong' : ''}`}
    >
      {formatCents(cents)}
    </td>
  );
}

/** Per client: who the money went to (clients the reader may see), the rest added up without names. */
export function ClientTable({
  overview,
  renderName,
}: {
  overview: BudgetOverview;
  renderName(client: { clientId: string; displayName: string }): ReactNode;
}) {
  if (overview.byClient.length === 0 && !overview.withheld) return null;
  return (
    <Table caption={`Uitgaven per cliënt in ${overview.year}, meeste uitgegeven eerst`}>
      <thead>
        <tr>
          <th scope="col">Cliënt</th>
          <th scope="col" className="utrecht-table__header-cell--numeric-column">
            Uitgegeven
          </th>
          <th scope="col" className="utrecht-table__header-cell--numeric-column">
            Wacht op goedkeuring
          </th>
          <th scope="col" className="utrecht-table__header-cell--numeric-column">
            Uitstaande leningen
          </th>
          <th scope="col" className="utrecht-table__header-cell--numeric-column">
            Aantal uitgaven
          </th>
        </tr>
      </thead>
      <tbody>
        {overview.byClient.map((c) => (
          <tr key={c.clientId}>
            <th scope="row" className="koers-budget-nowrap">
              {renderName(c)}
            </th>
            <Money cents={c.spentCents} />
            <Money cents={c.pendingCents} />
            <Money cents={c.openLoanCents} />
            <td className="utrecht-table__cell--numeric-column">{c.approvedCount + c.pendingCount}</td>
          </tr>
        ))}
        {overview.withheld && (
          <tr>
            <th scope="row">
              Overige cliënten ({overview.withheld.clients}; hun gegevens mogen niet worden getoond)
            </th>
            <Money cents={overview.withheld.spentCents} />
            <Money cents={overview.withheld.pendingCents} />
            <Money cents={overview.withheld.openLoanCents} />
            <td className="utrecht-table__cell--numeric-column">
              {overview.withheld.approvedCount + overview.withheld.pendingCount}
            </td>
          </tr>
        )}
      </tbody>
    </Table>
  );
}
