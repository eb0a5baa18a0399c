import { useMe } from '../auth/session';
import { Link } from '../router';
import { Paragraph } from '../ui/components';
import { formatCents, formatDate } from '../ui/format';
import { isBudgetHolder } from './budget-rules';
import type { TeamSpendView } from './budget-types';
import { SpendDecision } from './spend-decision';
import { UrgentNote } from './spend-display';

/** Urgent ones first, soonest needed first; then the oldest request first (it has waited longest). */
export function pendingOrder(a: TeamSpendView, b: TeamSpendView): number {
  if (a.urgent !== b.urgent) return a.urgent ? -1 : 1;
  if (a.urgent && a.neededBy !== b.neededBy)
    return (a.neededBy ?? '9999').localeCompare(b.neededBy ?? '9999');
  return a.requestedAt.localeCompare(b.requestedAt);
}

/**
 * "Aanvragen die wachten op goedkeuring": each requested spend as a card with the chair's decision on it. The
 * heading level follows where the list sits (the budget page, or the client page's budget panel).
 */
export function PendingSpends({
  spends,
  headingLevel = 3,
  showClient = true,
  onDone,
  onConflict,
}: {
  spends: TeamSpendView[];
  headingLevel?: 3 | 4 | 5;
  showClient?: boolean;
  onDone(message: string): void;
  onConflict(): void;
}) {
  const me = useMe();
  const pending = spends.filter((s) => s.status === 'requested').sort(pendingOrder);
  if (pending.length === 0) {
    return <Paragraph>Er wachten geen aanvragen op goedkeuring.</Paragraph>;
  }
  const Heading = `h${headingLevel}` as const;
  return (
    <ul className="koers-budget-pending">
      {pending.map((spend) => (
        <li
          key={spend.id}
          className={`koers-budget-card${spend.urgent ? ' koers-budget-card--urgent' : ''}`}
          data-spend-id={spend.id}
        >
          <div className="koers-budget-card__top">
            <Heading className={`utrecht-heading-${headingLevel} koers-budget-card__title`}>
              {spend.categoryLabel}
              {showClient && spend.clientDisplayName && (
                <>
                  {' '}
                  <span className="koers-budget-card__for">voor</span>{' '}
                  <Link href={`/clienten/${spend.clientId}`}>{spend.clientDisplayName}</Link>
                </>
              )}
            </Heading>
            <span className="koers-budget-card__amount">{formatCents(spend.amountCents)}</span>
          </div>
          <UrgentNote spend={spend} />
          <p className="utrecht-paragraph koers-budget-card__description">{spend.description}</p>
          {spend.conditions && (
            <p className="utrecht-paragraph koers-budget-card__meta">Voorwaarden: {spend.conditions}</p>
          )}
          <p className="utrecht-paragraph koers-budget-card__meta">
            {spend.kindLabel} · aangevraagd door {spend.requestedBy.displayName} op{' '}
            {formatDate(spend.requestedAt)}
          </p>
          <SpendDecision
            spend={spend}
            clientName={spend.clientDisplayName}
            mayDecide={isBudgetHolder(me, spend.teamId)}
            mayCancel={spend.requestedBy.userId === me.userId}
            onDone={onDone}
            onConflict={onConflict}
          />
        </li>
      ))}
    </ul>
  );
}
