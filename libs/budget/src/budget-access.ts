import { type Actor, ClientAccessRepository, type DataCategory, categoriesFor } from '@koers/access';
import { DomainErrorCode, DomainException, ForbiddenException, NotFoundException } from '@koers/errors';
import type { SqlQuery } from '@koers/persistence';

/**
 * Who may do what with the budget (need-to-know, domain.md §6 and §8):
 * - read spends and arrangements: whoever may see the `budget` category of the client (the chair and addiction
 *   care of its casusoverleg; a financial administrator invited with `budget` in scope). The police and the
 *   housing corporation never see the budget (403 where they can see the client, 404 where they cannot);
 * - request a spend, record a loan repayment, make and review a conditional arrangement: the chair and the case
 *   coordinator (addiction care) of the client's casusoverleg, not an invited chain partner;
 * - set the yearly budget, approve or reject a spend, write off a loan: only the chair, the budget holder;
 * - cancel a spend still requested: the chair, or whoever requested it.
 */
export const BUDGET_CATEGORY: DataCategory = 'budget';
/** Besides the chair: the party that asks for money for its clients. */
export const SPEND_REQUESTING_PARTIES: readonly string[] = ['addiction_care'];

/** A client as the budget sees it: its casusoverleg, trajectory, and how the actor reaches it. */
export interface BudgetClient {
  id: string;
  teamId: string;
  trajectoryId: string | null;
  closed: boolean;
  /** The actor takes part in the client's casusoverleg with full scope (not through an invitation). */
  viaTeam: boolean;
  categories: DataCategory[];
}

/**
 * The client if the actor reaches it (404 otherwise) and may see its budget (403 otherwise: the party's
 * need-to-know, an invitation's scope, or the client's legal basis), through the one access check of libs/access.
 */
export async function budgetClient(
  access: ClientAccessRepository,
  query: SqlQuery,
  actor: Actor,
  clientId: string,
  lock = false,
): Promise<BudgetClient> {
  // FOR KEY SHARE (lock): the client cannot be deleted or moved to another team while its budget rows are written.
  const visible = await access.assertClientVisible(actor, clientId, { query, lock });
  assertSeesBudget(visible.categories);
  const [row] = await query<{ trajectory_id: string | null; closed: boolean }>(
    `SELECT t.id AS trajectory_id, (t.closed_at IS NOT NULL OR c.anonymised_at IS NOT NULL) AS closed
       FROM client c LEFT JOIN trajectory t ON t.client_id = c.id WHERE c.id = $1`,
    [visible.id],
  );
  return {
    id: visible.id,
    teamId: visible.teamId,
    trajectoryId: row?.trajectory_id ?? null,
    closed: row?.closed ?? false,
    viaTeam: visible.via === 'team',
    categories: visible.categories,
  };
}

/** Whether the actor may see the budget of one client of a list (its party, invitation and legal basis). */
export function seesClientBudget(
  actor: Actor,
  teamId: string,
  clientId: string,
  legalBasis: string,
): boolean {
  return categoriesFor(actor, teamId, clientId, legalBasis).includes(BUDGET_CATEGORY);
}

export function assertSeesBudget(categories: readonly DataCategory[]): void {
  if (!categories.includes(BUDGET_CATEGORY)) {
    throw new ForbiddenException('Your party may not see the budget of this client (need-to-know)');
  }
}

/** The chair of the client's casusoverleg. */
export function isChairOf(actor: Actor, teamId: string): boolean {
  return actor.role === 'chair' && actor.teamIds.includes(teamId);
}

/** The chair or the case coordinator (addiction care) of the client's casusoverleg. */
export function mayWriteBudget(actor: Actor, teamId: string): boolean {
  return (
    actor.teamIds.includes(teamId) &&
    (actor.role === 'chair' || SPEND_REQUESTING_PARTIES.includes(actor.partyKind))
  );
}

export function assertMayWriteBudget(actor: Actor, teamId: string, what: string): void {
  if (!mayWriteBudget(actor, teamId)) {
    throw new ForbiddenException(
      `Only the chair and the case coordinator (addiction care) of the casusoverleg may ${what}`,
    );
  }
}

export function assertChair(actor: Actor, teamId: string, what: string): void {
  if (!isChairOf(actor, teamId)) {
    throw new ForbiddenException(`Only the chair of the casusoverleg (the budget holder) may ${what}`);
  }
}

/**
 * A casusoverleg whose budget the actor may see: a participant with full scope and the `budget` category.
 * Not a participant: 404 (as if it did not exist); a participant without it (police, housing): 403.
 */
export function assertTeamBudgetReader(actor: Actor, teamId: string): string {
  const id = teamId.toLowerCase();
  if (!actor.memberTeamIds.includes(id)) throw new NotFoundException('Team');
  if (!actor.teamIds.includes(id) || !actor.categories.includes(BUDGET_CATEGORY)) {
    throw new ForbiddenException('Your party may not see the budget of this casusoverleg (need-to-know)');
  }
  return id;
}

/** A rule of the casusoverleg says no: 422 with a Dutch reason (shown in the web app) and a stable code. */
export function refused(code: string, message: string): DomainException {
  return new DomainException(DomainErrorCode.EventRefused, message, [{ code, message }]);
}

/** Someone else changed it first (optimistic concurrency): 409. */
export function staleVersion(what: string, expected: number, actual: number): DomainException {
  return new DomainException(
    DomainErrorCode.StaleVersion,
    `The ${what} was changed by someone else (expected version ${expected}, current version ${actual}); reload and try again`,
  );
}

/**
 * Serialises the decisions that weigh a casusoverleg's year (approvals against the remaining budget, setting the
 * budget) for the rest of the transaction, so two approvals cannot both spend the last euros.
 */
export async function lockBudgetYear(query: SqlQuery, teamId: string, year: number): Promise<void> {
  await query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`koers.budget:${teamId}:${year}`]);
}
