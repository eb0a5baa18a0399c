// The budget in the data-subject export (issue 7 items 3 and 4): every spend for the client with its decision and
// the repayments of a loan, and every conditional arrangement with its review.

import {
  ARRANGEMENT_OUTCOME_LABELS,
  ARRANGEMENT_STATUS_LABELS,
  LOAN_REPAYMENT_STATUS_LABELS,
  SPEND_CATEGORY_LABELS,
  SPEND_KIND_LABELS,
  SPEND_STATUS_LABELS,
} from '@koers/budget';
import type { ExportPerson } from './client-export.types';

type Row = Record<string, unknown>;

export interface ExportBudget {
  spends: {
    id: string;
    budgetYear: number;
    category: string;
    categoryLabel: string;
    amountCents: number;
    kind: string;
    kindLabel: string;
    description: string;
    conditions: string | null;
    status: string;
    statusLabel: string;
    urgent: boolean;
    neededBy: string | null;
    arrangementId: string | null;
    requestedAt: string;
    requestedBy: ExportPerson;
    /** The chair's decision (approval or rejection). */
    approvedAt: string | null;
    approvedBy: ExportPerson | null;
    decisionReason: string | null;
    overBudgetReason: string | null;
    cancelledAt: string | null;
    cancelledBy: ExportPerson | null;
    cancelReason: string | null;
    /** A loan: its repayment status and repayments. */
    repaymentStatus: string | null;
    repaymentStatusLabel: string | null;
    repayments: { amountCents: number; paidOn: string; recordedAt: string; recordedBy: ExportPerson }[];
    writtenOffAt: string | null;
    writtenOffBy: ExportPerson | null;
    writeOffReason: string | null;
  }[];
  conditionalArrangements: {
    id: string;
    conditions: string;
    reviewDate: string;
    status: string;
    statusLabel: string;
    outcome: string | null;
    outcomeLabel: string | null;
    outcomeNote: string | null;
    reviewedAt: string | null;
    reviewedBy: ExportPerson | null;
    followsId: string | null;
    cancelledAt: string | null;
    cancelledBy: ExportPerson | null;
    cancelReason: string | null;
    createdAt: string;
    createdBy: ExportPerson;
  }[];
}

/** `<alias>.id AS <prefix>_id, …_name, …_party` of a user column. */
const person = (column: string, prefix: string) =>
  `${column} AS ${prefix}_id, (SELECT u.display_name FROM app_user u WHERE u.id = ${column}) AS ${prefix}_name,
   (SELECT p.kind FROM app_user u JOIN party p ON p.id = u.party_id WHERE u.id = ${column}) AS ${prefix}_party`;

export const BUDGET_EXPORT_SQL = {
  spends: `SELECT s.id, s.budget_year, s.category, s.amount_cents, s.kind, s.description, s.conditions, s.status,
                  s.urgent, to_char(s.needed_by, 'YYYY-MM-DD') AS needed_by, s.arrangement_id, s.requested_at,
                  ${person('s.requested_by', 'requester')}, s.approved_at, ${person('s.approved_by', 'approver')},
                  s.decision_reason, s.over_budget_reason, s.cancelled_at, ${person('s.cancelled_by', 'canceller')},
                  s.cancel_reason, s.repayment_status, s.written_off_at, ${person('s.written_off_by', 'writer')},
                  s.write_off_reason,
                  COALESCE((SELECT json_agg(json_build_object('amountCents', r.amount_cents,
                                                              'paidOn', to_char(r.paid_on, 'YYYY-MM-DD'),
                                                              'recordedAt', r.recorded_at, 'byId', r.recorded_by,
                                                              'byName', ru.display_name, 'byParty', rp.kind)
                                            ORDER BY r.paid_on, r.recorded_at, r.id)
                              FROM loan_repayment r JOIN app_user ru ON ru.id = r.recorded_by
                              JOIN party rp ON rp.id = ru.party_id
                             WHERE r.spend_id = s.id), '[]'::json) AS repayments
             FROM spend s WHERE s.client_id = $1 ORDER BY s.requested_at, s.id`,
  arrangements: `SELECT a.id, a.conditions, to_char(a.review_date, 'YYYY-MM-DD') AS review_date, a.status, a.outcome,
                        a.outcome_note, a.reviewed_at, ${person('a.reviewed_by', 'reviewer')}, a.follows_id,
                        a.cancelled_at, ${person('a.cancelled_by', 'canceller')}, a.cancel_reason, a.created_at,
                        ${person('a.created_by', 'creator')}
                   FROM conditional_arrangement a WHERE a.client_id = $1 ORDER BY a.created_at, a.id`,
};

const iso = (value: unknown) => (value instanceof Date ? value : new Date(String(value))).toISOString();
const isoOrNull = (value: unknown) => (value == null ? null : iso(value));
const strOrNull = (value: unknown) => (value == null ? null : String(value));
const label = (labels: Record<string, string>, id: unknown) => labels[String(id)] ?? String(id);
function personOf(row: Row, prefix: string): ExportPerson | null {
  if (row[`${prefix}_id`] == null) return null;
  return {
    userId: String(row[`${prefix}_id`]),
    displayName: strOrNull(row[`${prefix}_name`]),
    partyKind: strOrNull(row[`${prefix}_party`]),
  };
}
const NOBODY: ExportPerson = { userId: null, displayName: null, partyKind: null };

export function budgetExport(rows: { spends: Row[]; arrangements: Row[] }): ExportBudget {
  return {
    spends: rows.spends.map((s) => ({
      id: String(s.id),
      budgetYear: Number(s.budget_year),
      category: String(s.category),
      categoryLabel: label(SPEND_CATEGORY_LABELS, s.category),
      amountCents: Number(s.amount_cents),
      kind: String(s.kind),
      kindLabel: label(SPEND_KIND_LABELS, s.kind),
      description: String(s.description),
      conditions: strOrNull(s.conditions),
      status: String(s.status),
      statusLabel: label(SPEND_STATUS_LABELS, s.status),
      urgent: Boolean(s.urgent),
      neededBy: strOrNull(s.needed_by),
      arrangementId: strOrNull(s.arrangement_id),
      requestedAt: iso(s.requested_at),
      requestedBy: personOf(s, 'requester') ?? NOBODY,
      approvedAt: isoOrNull(s.approved_at),
      approvedBy: personOf(s, 'approver'),
      decisionReason: strOrNull(s.decision_reason),
      overBudgetReason: strOrNull(s.over_budget_reason),
      cancelledAt: isoOrNull(s.cancelled_at),
      cancelledBy: personOf(s, 'canceller'),
      cancelReason: strOrNull(s.cancel_reason),
      repaymentStatus: strOrNull(s.repayment_status),
      repaymentStatusLabel:
        s.repayment_status == null ? null : label(LOAN_REPAYMENT_STATUS_LABELS, s.repayment_status),
      repayments: (s.repayments as Row[]).map((r) => ({
        amountCents: Number(r.amountCents),
        paidOn: String(r.paidOn),
        recordedAt: iso(r.recordedAt),
        recordedBy: {
          userId: strOrNull(r.byId),
          displayName: strOrNull(r.byName),
          partyKind: strOrNull(r.byParty),
        },
      })),
      writtenOffAt: isoOrNull(s.written_off_at),
      writtenOffBy: personOf(s, 'writer'),
      writeOffReason: strOrNull(s.write_off_reason),
    })),
    conditionalArrangements: rows.arrangements.map((a) => ({
      id: String(a.id),
      conditions: String(a.conditions),
      reviewDate: String(a.review_date),
      status: String(a.status),
      statusLabel: label(ARRANGEMENT_STATUS_LABELS, a.status),
      outcome: strOrNull(a.outcome),
      outcomeLabel: a.outcome == null ? null : label(ARRANGEMENT_OUTCOME_LABELS, a.outcome),
      outcomeNote: strOrNull(a.outcome_note),
      reviewedAt: isoOrNull(a.reviewed_at),
      reviewedBy: personOf(a, 'reviewer'),
      followsId: strOrNull(a.follows_id),
      cancelledAt: isoOrNull(a.cancelled_at),
      cancelledBy: personOf(a, 'canceller'),
      cancelReason: strOrNull(a.cancel_reason),
      createdAt: iso(a.created_at),
      createdBy: personOf(a, 'creator') ?? NOBODY,
    })),
  };
}
