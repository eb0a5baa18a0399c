import type { ReactNode } from 'react';
import { Link } from '../router';
import { Paragraph, Table } from '../ui/components';
import { formatCents, formatDate } from '../ui/format';
import type { TeamSpendView } from './budget-types';
import { DecisionText, SpendStatusBadge, UrgentNote } from './spend-display';

/** Spends as a table, newest first: who asked for what, how much, and what the chair decided (with whom and when). */
export function SpendTable({
  caption,
  spends,
  showClient = true,
  empty = 'Geen uitgaven gevonden.',
}: {
  caption: ReactNode;
  spends: TeamSpendView[];
  showClient?: boolean;
  empty?: string;
}) {
  if (spends.length === 0) return <Paragraph>{empty}</Paragraph>;
  const total = spends.reduce((sum, s) => sum + s.amountCents, 0);
  return (
    <div className="koers-budget-wide">
      <Table caption={caption}>
        <thead>
          <tr>
            <th scope="col">Aangevraagd</th>
            {showClient && <th scope="col">Cliënt</th>}
            <th scope="col">Categorie en omschrijving</th>
            <th scope="col">Soort</th>
            <th scope="col" className="utrecht-table__header-cell--numeric-column">
              Bedrag
            </th>
            <th scope="col">Status</th>
            <th scope="col">Besluit</th>
          </tr>
        </thead>
        <tbody>
          {spends.map((spend) => (
            <tr key={spend.id}>
              <td className="koers-budget-nowrap">{formatDate(spend.requestedAt)}</td>
              {showClient && (
                <td className="koers-budget-nowrap">
                  {spend.clientDisplayName ? (
                    <Link href={`/clienten/${spend.clientId}`}>{spend.clientDisplayName}</Link>
                  ) : (
                    '—'
                  )}
                </td>
              )}
              <td>
                <span className="koers-budget-strong">{spend.categoryLabel}</span>
                <span className="koers-budget-reason">{spend.description}</span>
                {spend.urgent && <UrgentNote spend={spend} />}
              </td>
              <td>{spend.kindLabel}</td>
              <td className="utrecht-table__cell--numeric-column koers-budget-nowrap">
                {formatCents(spend.amountCents)}
              </td>
              <td>
                <SpendStatusBadge spend={spend} />
              </td>
              <td className="koers-budget-small">
                <DecisionText spend={spend} />
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={showClient ? 4 : 3}>
              Totaal van de getoonde {spends.length === 1 ? 'uitgave' : `${spends.length} uitgaven`}
            </th>
            <td className="utrecht-table__cell--numeric-column koers-budget-nowrap koers-budget-strong">
              {formatCents(total)}
            </td>
            <td colSpan={2} />
          </tr>
        </tfoot>
      </Table>
    </div>
  );
}
