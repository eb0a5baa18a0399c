import type { SqlQuery } from '@koers/persistence';
import {
  ARRANGEMENT_OUTCOME_LABELS,
  ARRANGEMENT_STATUS_LABELS,
  SPEND_CATEGORY_LABELS,
  SPEND_KIND_LABELS,
  SPEND_STATUS_LABELS,
  type ArrangementOutcome,
  type ArrangementStatus,
  type SpendCategory,
  type SpendKind,
  type SpendStatus,
} from './budget.labels';
import type { PersonRef } from './spends.repository';

export interface ArrangementSpendView {
  id: string;
  category: SpendCategory;
  categoryLabel: string;
  kind: SpendKind;
  kindLabel: string;
  amountCents: number;
  status: SpendStatus;
  statusLabel: string;
}

export interface ArrangementView {
  id: string;
  teamId: string;
  clientId: string;
  conditions: string;
  /** The condition_review deadline falls due at 09:00 Amsterdam time on this date. */
  reviewDate: string;
  status: ArrangementStatus;
  statusLabel: string;
  outcome: ArrangementOutcome | null;
  outcomeLabel: string | null;
  outcomeNote: string | null;
  reviewedBy: PersonRef | null;
  reviewedAt: string | null;
  /** The arrangement whose review started this one, and the one this one's review started. */
  followsId: string | null;
  followUpId: string | null;
  cancelledBy: PersonRef | null;
  cancelledAt: string | null;
  cancelReason: string | null;
  createdBy: PersonRef;
  createdAt: string;
  updatedAt: string;
  version: number;
  spends: ArrangementSpendView[];
}

export interface TeamArrangementView extends ArrangementView {
  clientDisplayName: string;
}

interface ArrangementRow {
  id: string;
  team_id: string;
  client_id: string;
  client_name: string;
  legal_basis: string;
  conditions: string;
  review_date: string;
  status: ArrangementStatus;
  outcome: ArrangementOutcome | null;
  outcome_note: string | null;
  reviewed_by: string | null;
  reviewed_by_name: string | null;
  reviewed_at: Date | null;
  follows_id: string | null;
  follow_up_id: string | null;
  cancelled_by: string | null;
  cancelled_by_name: string | null;
  cancelled_at: Date | null;
  cancel_reason: string | null;
  created_by: string;
  created_by_name: string;
  created_at: Date;
  updated_at: Date;
  version: number;
  spends: {
    id: string;
    category: SpendCategory;
    kind: SpendKind;
    amountCents: number;
    status: SpendStatus;
  }[];
}

const SELECT_ARRANGEMENTS = `
  SELECT a.id, a.team_id, a.client_id, c.display_name AS client_name, tr.legal_basis, a.conditions,
         to_char(a.review_date, 'YYYY-MM-DD') AS review_date, a.status, a.outcome, a.outcome_note, a.reviewed_by,
         rv.display_name AS reviewed_by_name, a.reviewed_at, a.follows_id,
         (SELECT f.id FROM conditional_arrangement f WHERE f.follows_id = a.id ORDER BY f.created_at LIMIT 1)
           AS follow_up_id,
         a.cancelled_by, cb.display_name AS cancelled_by_name, a.cancelled_at, a.cancel_reason, a.created_by,
         cr.display_name AS created_by_name, a.created_at, a.updated_at, a.version,
         COALESCE((SELECT json_agg(json_build_object('id', s.id, 'category', s.category, 'kind', s.kind,
                                                     'amountCents', s.amount_cents, 'status', s.status)
                                   ORDER BY s.requested_at, s.id)
                     FROM spend s WHERE s.arrangement_id = a.id), '[]'::json) AS spends
    FROM conditional_arrangement a
    JOIN client c ON c.id = a.client_id
    LEFT JOIN trajectory tr ON tr.client_id = a.client_id
    JOIN app_user cr ON cr.id = a.created_by
    LEFT JOIN app_user rv ON rv.id = a.reviewed_by
    LEFT JOIN app_user cb ON cb.id = a.cancelled_by`;

const person = (id: string | null, name: string | null): PersonRef | null =>
  id === null ? null : { userId: id, displayName: name ?? '' };
const isoOrNull = (value: Date | null) => (value ? value.toISOString() : null);

function arrangementView(row: ArrangementRow): ArrangementView {
  return {
    id: row.id,
    teamId: row.team_id,
    clientId: row.client_id,
    conditions: row.conditions,
    reviewDate: row.review_date,
    status: row.status,
    statusLabel: ARRANGEMENT_STATUS_LABELS[row.status] ?? row.status,
    outcome: row.outcome,
    outcomeLabel: row.outcome ? (ARRANGEMENT_OUTCOME_LABELS[row.outcome] ?? row.outcome) : null,
    outcomeNote: row.outcome_note,
    reviewedBy: person(row.reviewed_by, row.reviewed_by_name),
    reviewedAt: isoOrNull(row.reviewed_at),
    followsId: row.follows_id,
    followUpId: row.follow_up_id,
    cancelledBy: person(row.cancelled_by, row.cancelled_by_name),
    cancelledAt: isoOrNull(row.cancelled_at),
    cancelReason: row.cancel_reason,
    createdBy: { userId: row.created_by, displayName: row.created_by_name },
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    version: row.version,
    spends: row.spends.map((s) => ({
      id: s.id,
      category: s.category,
      categoryLabel: SPEND_CATEGORY_LABELS[s.category] ?? s.category,
      kind: s.kind,
      kindLabel: SPEND_KIND_LABELS[s.kind] ?? s.kind,
      amountCents: Number(s.amountCents),
      status: s.status,
      statusLabel: SPEND_STATUS_LABELS[s.status] ?? s.status,
    })),
  };
}

export async function findArrangement(query: SqlQuery, id: string): Promise<ArrangementView | undefined> {
  const [row] = await query<ArrangementRow>(`${SELECT_ARRANGEMENTS} WHERE a.id = $1`, [id]);
  return row ? arrangementView(row) : undefined;
}

/** A client's arrangements: open ones first (soonest review first), then the rest, newest first. */
export async function clientArrangements(query: SqlQuery, clientId: string): Promise<ArrangementView[]> {
  const rows = await query<ArrangementRow>(
    `${SELECT_ARRANGEMENTS} WHERE a.client_id = $1
      ORDER BY a.status <> 'open', CASE WHEN a.status = 'open' THEN a.review_date END, a.created_at DESC, a.id`,
    [clientId],
  );
  return rows.map(arrangementView);
}

export async function teamArrangements(
  query: SqlQuery,
  teamId: string,
  status: string | undefined,
  visible: (clientId: string, legalBasis: string) => boolean,
): Promise<TeamArrangementView[]> {
  const rows = await query<ArrangementRow>(
    `${SELECT_ARRANGEMENTS} WHERE a.team_id = $1 AND ($2::text IS NULL OR a.status = $2)
      ORDER BY a.status <> 'open', a.review_date, a.id LIMIT 1000`,
    [teamId, status ?? null],
  );
  return rows
    .filter((row) => visible(row.client_id, row.legal_basis))
    .map((row) => ({ ...arrangementView(row), clientDisplayName: row.client_name }));
}

/** The locked core of an arrangement a change touches, if its client is within the actor's reach. */
export interface ArrangementCore {
  id: string;
  team_id: string;
  client_id: string;
  trajectory_id: string | null;
  conditions: string;
  status: ArrangementStatus;
  version: number;
}

export async function lockArrangement(
  query: SqlQuery,
  id: string,
  scope: { teamIds: string[]; clientIds: string[] },
): Promise<ArrangementCore | undefined> {
  const [row] = await query<ArrangementCore>(
    `SELECT a.id, a.team_id, a.client_id, t.id AS trajectory_id, a.conditions, a.status, a.version
       FROM conditional_arrangement a
       JOIN client c ON c.id = a.client_id
       LEFT JOIN trajectory t ON t.client_id = a.client_id
      WHERE a.id = $1 AND (c.team_id = ANY($2::uuid[]) OR c.id = ANY($3::uuid[]))
      FOR UPDATE OF a`,
    [id, scope.teamIds, scope.clientIds],
  );
  return row;
}
