import type { SqlQuery } from '@koers/persistence';
import {
  LOAN_REPAYMENT_STATUS_LABELS,
  SPEND_CATEGORY_LABELS,
  SPEND_KIND_LABELS,
  SPEND_STATUS_LABELS,
  type LoanRepaymentStatus,
  type SpendCategory,
  type SpendKind,
  type SpendStatus,
} from './budget.labels';

export interface PersonRef {
  userId: string;
  displayName: string;
}

export interface RepaymentView {
  id: string;
  amountCents: number;
  /** The day the client paid. */
  paidOn: string;
  recordedBy: PersonRef;
  recordedAt: string;
}

export interface SpendView {
  id: string;
  teamId: string;
  clientId: string;
  budgetYear: number;
  category: SpendCategory;
  categoryLabel: string;
  amountCents: number;
  kind: SpendKind;
  kindLabel: string;
  description: string;
  conditions: string | null;
  status: SpendStatus;
  statusLabel: string;
  urgent: boolean;
  neededBy: string | null;
  arrangementId: string | null;
  requestedBy: PersonRef & { partyKind: string };
  requestedAt: string;
  /** The chair who decided (approved or rejected), and when. */
  approvedBy: PersonRef | null;
  approvedAt: string | null;
  /** The chair's note on an approval, or the reason of a rejection. */
  decisionReason: string | null;
  overBudgetReason: string | null;
  cancelledBy: PersonRef | null;
  cancelledAt: string | null;
  cancelReason: string | null;
  /** For a loan: its repayment (status null until approved). */
  loan: {
    repaymentStatus: LoanRepaymentStatus | null;
    repaymentStatusLabel: string | null;
    repaidCents: number;
    outstandingCents: number;
    repayments: RepaymentView[];
    writtenOffBy: PersonRef | null;
    writtenOffAt: string | null;
    writeOffReason: string | null;
  } | null;
  version: number;
  updatedAt: string;
}

export interface TeamSpendView extends SpendView {
  clientDisplayName: string;
}

interface SpendRow {
  id: string;
  team_id: string;
  client_id: string;
  client_name: string;
  legal_basis: string;
  budget_year: number;
  category: SpendCategory;
  amount_cents: string;
  kind: SpendKind;
  description: string;
  conditions: string | null;
  status: SpendStatus;
  urgent: boolean;
  needed_by: string | null;
  arrangement_id: string | null;
  requested_by: string;
  requested_by_name: string;
  requested_by_party: string;
  requested_at: Date;
  approved_by: string | null;
  approved_by_name: string | null;
  approved_at: Date | null;
  decision_reason: string | null;
  over_budget_reason: string | null;
  cancelled_by: string | null;
  cancelled_by_name: string | null;
  cancelled_at: Date | null;
  cancel_reason: string | null;
  repayment_status: LoanRepaymentStatus | null;
  written_off_by: string | null;
  written_off_by_name: string | null;
  written_off_at: Date | null;
  write_off_reason: string | null;
  version: number;
  updated_at: Date;
  repayments: {
    id: string;
    amountCents: number;
    paidOn: string;
    recordedBy: string;
    recordedByName: string;
    recordedAt: string;
  }[];
}

export const SELECT_SPENDS = `
  SELECT s.id, s.team_id, s.client_id, c.display_name AS client_name, tr.legal_basis, s.budget_year, s.category, s.amount_cents,
         s.kind, s.description, s.conditions, s.status, s.urgent, to_char(s.needed_by, 'YYYY-MM-DD') AS needed_by,
         s.arrangement_id, s.requested_by, rq.display_name AS requested_by_name, rp.kind AS requested_by_party,
         s.requested_at, s.approved_by, ap.display_name AS approved_by_name, s.approved_at, s.decision_reason,
         s.over_budget_reason, s.cancelled_by, cb.display_name AS cancelled_by_name, s.cancelled_at, s.cancel_reason,
         s.repayment_status, s.written_off_by, wo.display_name AS written_off_by_name, s.written_off_at,
         s.write_off_reason, s.version, s.updated_at,
         COALESCE((SELECT json_agg(json_build_object('id', r.id, 'amountCents', r.amount_cents,
                                                     'paidOn', to_char(r.paid_on, 'YYYY-MM-DD'),
                                                     'recordedBy', r.recorded_by, 'recordedByName', ru.display_name,
                                                     'recordedAt', r.recorded_at)
                                   ORDER BY r.paid_on, r.recorded_at, r.id)
                     FROM loan_repayment r JOIN app_user ru ON ru.id = r.recorded_by
                    WHERE r.spend_id = s.id), '[]'::json) AS repayments
    FROM spend s
    JOIN client c ON c.id = s.client_id
    LEFT JOIN trajectory tr ON tr.client_id = s.client_id
    JOIN app_user rq ON rq.id = s.requested_by
    JOIN party rp ON rp.id = rq.party_id
    LEFT JOIN app_user ap ON ap.id = s.approved_by
    LEFT JOIN app_user cb ON cb.id = s.cancelled_by
    LEFT JOIN app_user wo ON wo.id = s.written_off_by`;

const person = (id: string | null, name: string | null): PersonRef | null =>
  id === null ? null : { userId: id, displayName: name ?? '' };
const isoOrNull = (value: Date | null) => (value ? value.toISOString() : null);

export function spendView(row: SpendRow): SpendView {
  const amountCents = Number(row.amount_cents);
  const repaidCents = row.repayments.reduce((sum, r) => sum + Number(r.amountCents), 0);
  return {
    id: row.id,
    teamId: row.team_id,
    clientId: row.client_id,
    budgetYear: row.budget_year,
    category: row.category,
    categoryLabel: SPEND_CATEGORY_LABELS[row.category] ?? row.category,
    amountCents,
    kind: row.kind,
    kindLabel: SPEND_KIND_LABELS[row.kind] ?? row.kind,
    description: row.description,
    conditions: row.conditions,
    status: row.status,
    statusLabel: SPEND_STATUS_LABELS[row.status] ?? row.status,
    urgent: row.urgent,
    neededBy: row.needed_by,
    arrangementId: row.arrangement_id,
    requestedBy: {
      userId: row.requested_by,
      displayName: row.requested_by_name,
      partyKind: row.requested_by_party,
    },
    requestedAt: row.requested_at.toISOString(),
    approvedBy: person(row.approved_by, row.approved_by_name),
    approvedAt: isoOrNull(row.approved_at),
    decisionReason: row.decision_reason,
    overBudgetReason: row.over_budget_reason,
    cancelledBy: person(row.cancelled_by, row.cancelled_by_name),
    cancelledAt: isoOrNull(row.cancelled_at),
    cancelReason: row.cancel_reason,
    loan:
      row.kind === 'loan'
        ? {
            repaymentStatus: row.repayment_status,
            repaymentStatusLabel: row.repayment_status
              ? LOAN_REPAYMENT_STATUS_LABELS[row.repayment_status]
              : null,
            repaidCents,
            outstandingCents:
              row.status === 'approved' && row.repayment_status !== 'written_off'
                ? Math.max(0, amountCents - repaidCents)
                : 0,
            repayments: row.repayments.map((r) => ({
              id: r.id,
              amountCents: Number(r.amountCents),
              paidOn: r.paidOn,
              recordedBy: { userId: r.recordedBy, displayName: r.recordedByName },
              recordedAt: new Date(r.recordedAt).toISOString(),
            })),
            writtenOffBy: person(row.written_off_by, row.written_off_by_name),
            writtenOffAt: isoOrNull(row.written_off_at),
            writeOffReason: row.write_off_reason,
          }
        : null,
    version: row.version,
    updatedAt: row.updated_at.toISOString(),
  };
}

export function teamSpendView(row: SpendRow): TeamSpendView {
  return { ...spendView(row), clientDisplayName: row.client_name };
}

/** The spend (its full view), or undefined. */
export async function findSpend(query: SqlQuery, id: string): Promise<SpendView | undefined> {
  const [row] = await query<SpendRow>(`${SELECT_SPENDS} WHERE s.id = $1`, [id]);
  return row ? spendView(row) : undefined;
}

export async function clientSpends(query: SqlQuery, clientId: string): Promise<SpendView[]> {
  const rows = await query<SpendRow>(
    `${SELECT_SPENDS} WHERE s.client_id = $1 ORDER BY s.requested_at DESC, s.id`,
    [clientId],
  );
  return rows.map(spendView);
}

/** `visible`: whether the reader may see the budget of that client (need-to-know with its legal basis). */
export async function teamSpends(
  query: SqlQuery,
  teamId: string,
  filter: { year: number; status?: string; category?: string },
  visible: (clientId: string, legalBasis: string) => boolean,
): Promise<TeamSpendView[]> {
  const rows = await query<SpendRow>(
    `${SELECT_SPENDS}
      WHERE s.team_id = $1 AND s.budget_year = $2 AND ($3::text IS NULL OR s.status = $3)
        AND ($4::text IS NULL OR s.category = $4)
      ORDER BY s.requested_at DESC, s.id`,
    [teamId, filter.year, filter.status ?? null, filter.category ?? null],
  );
  return rows.filter((row) => visible(row.client_id, row.legal_basis)).map(teamSpendView);
}

/** The locked core of a spend a decision changes, if the client is within the actor's reach. */
export interface SpendCore {
  id: string;
  team_id: string;
  client_id: string;
  trajectory_id: string | null;
  budget_year: number;
  kind: SpendKind;
  status: SpendStatus;
  amount_cents: string;
  urgent: boolean;
  requested_by: string;
  /** The Amsterdam date of the decision (a loan's repayments are paid on or after it). */
  approved_on: string | null;
  repayment_status: LoanRepaymentStatus | null;
  version: number;
}

/** `lock`: FOR UPDATE, for a change in the caller's transaction. */
export async function spendCore(
  query: SqlQuery,
  id: string,
  scope: { teamIds: string[]; clientIds: string[] },
  lock: boolean,
): Promise<SpendCore | undefined> {
  const [row] = await query<SpendCore>(
    `SELECT s.id, s.team_id, s.client_id, t.id AS trajectory_id, s.budget_year, s.kind, s.status, s.amount_cents,
            s.urgent, s.requested_by,
            to_char(s.approved_at AT TIME ZONE 'Europe/Amsterdam', 'YYYY-MM-DD') AS approved_on,
            s.repayment_status, s.version
       FROM spend s
       JOIN client c ON c.id = s.client_id
       LEFT JOIN trajectory t ON t.client_id = s.client_id
      WHERE s.id = $1 AND (c.team_id = ANY($2::uuid[]) OR c.id = ANY($3::uuid[]))${lock ? ' FOR UPDATE OF s' : ''}`,
    [id, scope.teamIds, scope.clientIds],
  );
  return row;
}
