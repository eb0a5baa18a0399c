import { DomainErrorCode, DomainException, type DomainErrorDetail } from '@koers/errors';
import type { SqlQuery } from '@koers/persistence';
import { ROLES_WITHOUT_CLIENT_DATA } from '../need-to-know';

/**
 * Transaction-scoped advisory locks of user administration, (namespace, key). Taken in this order only, so two
 * admins never deadlock: `admins` around every change of a role or of `disabled` (the last active admin stays),
 * `parties` and `teams` around the duplicate checks of names that have no unique index.
 */
export const ADMIN_LOCK_NAMESPACE = 7515;
export const ADMIN_LOCKS = { admins: 1, parties: 2, teams: 3 } as const;

export async function lockAdmin(query: SqlQuery, lock: keyof typeof ADMIN_LOCKS): Promise<void> {
  await query(`SELECT pg_advisory_xact_lock($1, $2)`, [ADMIN_LOCK_NAMESPACE, ADMIN_LOCKS[lock]]);
}

/** A rule of user administration says no: 422, each reason with its code. */
export function refused(details: DomainErrorDetail[]): DomainException {
  return new DomainException(DomainErrorCode.EventRefused, details.map((d) => d.message).join(' '), details);
}

export function conflict(code: string, message: string, field?: string): DomainException {
  return new DomainException(DomainErrorCode.Conflict, message, [
    { code, message, ...(field ? { field } : {}) },
  ]);
}

/** Roles that see no client data take part in no casusoverleg: team membership would be their way in. */
export function readsNoClientData(role: string): boolean {
  return (ROLES_WITHOUT_CLIENT_DATA as readonly string[]).includes(role);
}

/** The chair of a casusoverleg is the municipality's process manager (domain.md §1) and sees everything. */
export const CHAIR_PARTY_KIND = 'municipality';

export const noTeamsForRole = (role: string): DomainErrorDetail => ({
  code: 'role_without_client_data',
  field: 'teamIds',
  message: `A user with role ${role} sees no client data and takes part in no casusoverleg team`,
});

export const chairOfMunicipality = (partyKind: string): DomainErrorDetail => ({
  code: 'chair_party',
  field: 'role',
  message: `The chair is the municipality's process manager: a user of party ${partyKind} cannot be chair`,
});

/** PostgreSQL's unique_violation, e.g. two admins making the same username at once. */
export function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === '23505';
}
