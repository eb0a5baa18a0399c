import { StatusBadge } from '../ui/components';
import { formatDate, formatDateTime, formatDays, todayIso } from '../ui/format';
import type { LoanRepaymentStatus, SpendStatus, SpendView } from './budget-types';

const STATUS_KIND: Record<SpendStatus, 'neutral' | 'danger' | 'warning' | 'safe'> = {
  requested: 'warning',
  approved: 'safe',
  rejected: 'danger',
  cancelled: 'neutral',
};

export function SpendStatusBadge({ spend }: { spend: Pick<SpendView, 'status' | 'statusLabel'> }) {
  return <StatusBadge kind={STATUS_KIND[spend.status]}>{spend.statusLabel}</StatusBadge>;
}

const LOAN_KIND: Record<LoanRepaymentStatus, 'neutral' | 'danger' | 'warning' | 'safe'> = {
  open: 'warning',
  repaying: 'neutral',
  repaid: 'safe',
  written_off: 'neutral',
};

export function LoanStatusBadge({ loan }: { loan: NonNullable<SpendView['loan']> }) {
  if (!loan.repaymentStatus) return null;
  return <StatusBadge kind={LOAN_KIND[loan.repaymentStatus]}>{loan.repaymentStatusLabel}</StatusBadge>;
}

/** Calendar days from today (Amsterdam) to `date` (YYYY-MM-DD); negative when it has passed. */
export function daysFromToday(date: string, today = todayIso()): number {
  return Math.round((Date.parse(`${date}T12:00:00Z`) - Date.parse(`${today}T12:00:00Z`)) / 86_400_000);
}

/** "vandaag", "over 3 dagen", "2 dagen geleden": how near a date is, in words beside the date itself. */
export function relativeDay(date: string): string {
  const days = daysFromToday(date);
  if (days === 0) return 'vandaag';
  if (days === 1) return 'morgen';
  return days > 0 ? `over ${formatDays(days)}` : `${formatDays(-days)} geleden`;
}

/** The urgent badge with its needed-by date; "te laat" (in words, not only colour) once the date has passed. */
export function UrgentNote({ spend }: { spend: Pick<SpendView, 'urgent' | 'neededBy' | 'status'> }) {
  if (!spend.urgent) return null;
  const late = spend.status === 'requested' && spend.neededBy !== null && daysFromToday(spend.neededBy) < 0;
  return (
    <span className="koers-budget-urgent">
      <StatusBadge kind="danger">Spoed</StatusBadge>{' '}
      {spend.neededBy && (
        <span>
          nodig op {formatDate(spend.neededBy)}
          {spend.status === 'requested' && ` (${late ? 'te laat: ' : ''}${relativeDay(spend.neededBy)})`}
        </span>
      )}
    </span>
  );
}

/** Who decided and when, with the note or reason: the approval is on record with the approver and time. */
export function DecisionText({ spend }: { spend: SpendView }) {
  if (spend.status === 'cancelled') {
    return (
      <>
        Ingetrokken door {spend.cancelledBy?.displayName ?? 'onbekend'} op {formatDate(spend.cancelledAt)}
        {spend.cancelReason && <span className="koers-budget-reason">{spend.cancelReason}</span>}
      </>
    );
  }
  if (!spend.approvedBy) return <>Wacht op de voorzitter</>;
  return (
    <>
      {spend.status === 'approved' ? 'Goedgekeurd' : 'Afgewezen'} door {spend.approvedBy.displayName} op{' '}
      {formatDateTime(spend.approvedAt)}
      {spend.decisionReason && <span className="koers-budget-reason">{spend.decisionReason}</span>}
      {spend.overBudgetReason && (
        <span className="koers-budget-reason">Boven budget: {spend.overBudgetReason}</span>
      )}
    </>
  );
}
