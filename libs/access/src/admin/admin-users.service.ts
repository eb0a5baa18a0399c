import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '@koers/clock';
import {
  type DomainErrorDetail,
  ForbiddenException,
  NotFoundException,
  ValidationFailedException,
} from '@koers/errors';
import { inPgTransaction, type SqlQuery, type UserRole } from '@koers/persistence';
import { throttleKeys } from '../login-throttle';
import { PasswordHasher } from '../password-hasher';
import { recordAdminAction } from './admin-audit';
import type { AdminRequest } from './admin-role.guard';
import {
  CHAIR_PARTY_KIND,
  chairOfMunicipality,
  conflict,
  isUniqueViolation,
  lockAdmin,
  noTeamsForRole,
  readsNoClientData,
  refused,
} from './admin-rules';
import type { CreateUserDto, UpdateUserDto } from './admin.dto';
import { newOneTimePassword } from './one-time-password';

export interface AdminUserView {
  id: string;
  username: string;
  displayName: string;
  email: string | null;
  party: { id: string; kind: string; name: string };
  role: UserRole;
  teams: { id: string; name: string }[];
  disabled: boolean;
  disabledAt: string | null;
  /** A confirmed TOTP second factor (one still waiting for its first code does not count). */
  hasTotp: boolean;
  /** Until when logins of this username are refused after too many failures; null when not locked. */
  lockedUntil: string | null;
  /** The subject at the single sign-on provider this account is linked to; null when not linked. */
  oidcSubject: string | null;
  createdAt: string;
}

/** A new or reset account: the password is answered this once and stored only as its argon2id hash. */
export interface AdminUserWithPassword {
  user: AdminUserView;
  oneTimePassword?: string;
}

interface UserRow {
  id: string;
  username: string;
  display_name: string;
  email: string | null;
  role: UserRole;
  disabled_at: Date | null;
  created_at: Date;
  party_id: string;
  party_kind: string;
  party_name: string;
  teams: { id: string; name: string }[];
  has_totp: boolean;
  oidc_subject: string | null;
}

interface LockedUser {
  id: string;
  username: string;
  role: UserRole;
  disabled_at: Date | null;
  display_name: string;
  email: string | null;
  party_kind: string;
  oidc_subject: string | null;
}

const USER_SELECT = `
  SELECT u.id, u.username, u.display_name, u.email, u.role, u.disabled_at, u.created_at, u.oidc_subject,
         p.id AS party_id, p.kind AS party_kind, p.name AS party_name,
         COALESCE((SELECT json_agg(json_build_object('id', t.id, 'name', t.name) ORDER BY t.name, t.id)
                     FROM team_member tm JOIN team t ON t.id = tm.team_id WHERE tm.user_id = u.id), '[]'::json) AS teams,
         EXISTS (SELECT 1 FROM user_totp ut WHERE ut.user_id = u.id AND ut.secret IS NOT NULL) AS has_totp
    FROM app_user u JOIN party p ON p.id = u.party_id`;

/**
 * User administration (issue 5 item 1): accounts, roles, disabling, passwords, login locks and second factors.
 * Every change runs in one transaction with its `admin_audit` row. An admin never disables or demotes themself,
 * and the last active admin stays: changes of a role or of `disabled` are serialized under one advisory lock and
 * re-check, inside it, that the actor is still an active admin and that another one remains.
 */
@Injectable()
export class AdminUsersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly hasher: PasswordHasher,
    private readonly clock: Clock,
  ) {}

  async list(): Promise<AdminUserView[]> {
    const rows: UserRow[] = await this.dataSource.query(`${USER_SELECT} ORDER BY u.username, u.id`);
    return this.views(rows);
  }

  async get(id: string): Promise<AdminUserView> {
    const rows: UserRow[] = await this.dataSource.query(`${USER_SELECT} WHERE u.id = $1`, [id]);
    if (rows.length === 0) throw new NotFoundException('User');
    return (await this.views(rows))[0];
  }

  async create(by: AdminRequest, body: CreateUserDto): Promise<AdminUserWithPassword> {
    const problems = partyProblems(body);
    if (problems.length > 0) throw new ValidationFailedException(problems);
    if (readsNoClientData(body.role) && (body.teamIds ?? []).length > 0)
      throw refused([noTeamsForRole(body.role)]);
    const generated = body.password === undefined ? newOneTimePassword() : undefined;
    const passwordHash = await this.hasher.hash(body.password ?? generated!);
    const teamIds = (body.teamIds ?? []).map((id) => id.toLowerCase());
    const now = this.clock.now();

    const id = await this.transaction(async (query) => {
      const party = body.partyId
        ? await this.existingParty(query, body.partyId.toLowerCase())
        : await this.partyByName(query, by, now, body.partyKind!, body.partyName!);
      if (body.role === 'chair' && party.kind !== CHAIR_PARTY_KIND)
        throw refused([chairOfMunicipality(party.kind)]);
      const [taken] = await query(`SELECT 1 FROM app_user WHERE lower(username) = $1`, [body.username]);
      if (taken) throw usernameTaken();
      const teams = await query<{ id: string; name: string }>(
        `SELECT id, name FROM team WHERE id = ANY($1::uuid[])`,
        [teamIds],
      );
      if (teams.length < teamIds.length) throw new NotFoundException('Team');
      const [user] = await query<{ id: string }>(
        `INSERT INTO app_user (username, display_name, email, password_hash, party_id, role, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
        [body.username, body.displayName, body.email ?? null, passwordHash, party.id, body.role, now],
      );
      if (teamIds.length > 0) {
        await query(`INSERT INTO team_member (team_id, user_id) SELECT t, $2 FROM unnest($1::uuid[]) AS t`, [
          teamIds,
          user.id,
        ]);
      }
      await recordAdminAction(query, by, now, {
        action: 'user.created',
        target: { kind: 'user', id: user.id, label: body.username },
        details: {
          displayName: body.displayName,
          email: body.email ?? null,
          role: body.role,
          party: { id: party.id, kind: party.kind, name: party.name },
          teams: teams.map((t) => ({ id: t.id, name: t.name })),
          passwordGenerated: generated !== undefined,
        },
      });
      return user.id;
    });
    return { user: await this.get(id), ...(generated ? { oneTimePassword: generated } : {}) };
  }

  async update(by: AdminRequest, rawId: string, body: UpdateUserDto): Promise<AdminUserView> {
    const fields = (['displayName', 'email', 'role', 'disabled', 'oidcSubject'] as const).filter(
      (f) => body[f] !== undefined,
    );
    if (fields.length === 0) {
      throw new ValidationFailedException([
        {
          code: 'invalid_body',
          message: 'Send at least one of displayName, email, role, disabled, oidcSubject',
        },
      ]);
    }
    const id = rawId.toLowerCase();
    const changesAccess = body.role !== undefined || body.disabled !== undefined;
    const now = this.clock.now();
    await this.transaction(async (query) => {
      if (changesAccess) {
        await lockAdmin(query, 'admins');
        const [stillAdmin] = await query(
          `SELECT 1 FROM app_user WHERE id = $1 AND role = 'admin' AND disabled_at IS NULL`,
          [by.actor.userId],
        );
        if (!stillAdmin) throw new ForbiddenException('Only an admin manages users and teams');
      }
      const user = await this.lockUser(query, id);
      const role = body.role ?? user.role;
      const wasDisabled = user.disabled_at !== null;
      const disabled = body.disabled ?? wasDisabled;

      const refusals: DomainErrorDetail[] = [];
      if (id === by.actor.userId && disabled) {
        refusals.push({
          code: 'self_disable',
          field: 'disabled',
          message: 'An admin cannot disable themself.',
        });
      }
      if (id === by.actor.userId && role !== 'admin') {
        refusals.push({ code: 'self_demotion', field: 'role', message: 'An admin cannot demote themself.' });
      }
      if (user.role === 'admin' && !wasDisabled && (role !== 'admin' || disabled)) {
        const [other] = await query(
          `SELECT 1 FROM app_user WHERE role = 'admin' AND disabled_at IS NULL AND id <> $1 LIMIT 1`,
          [id],
        );
        if (!other) {
          refusals.push({
            code: 'last_admin',
            message: 'This is the last active admin: make another admin first.',
          });
        }
      }
      if (role !== user.role && readsNoClientData(role)) {
        const [member] = await query(`SELECT 1 FROM team_member WHERE user_id = $1 LIMIT 1`, [id]);
        if (member) {
          refusals.push({
            ...noTeamsForRole(role),
            field: 'role',
            message: `A user with role ${role} takes part in no casusoverleg team: remove them from their teams first.`,
          });
        }
      }
      if (role !== user.role && role === 'chair' && user.party_kind !== CHAIR_PARTY_KIND)
        refusals.push(chairOfMunicipality(user.party_kind));
      if (refusals.length > 0) throw refused(refusals);

      const displayName = body.displayName ?? user.display_name;
      const email = body.email === undefined ? user.email : body.email;
      const oidcSubject = body.oidcSubject === undefined ? user.oidc_subject : body.oidcSubject;
      if (oidcSubject !== null && oidcSubject !== user.oidc_subject) {
        const [taken] = await query(`SELECT 1 FROM app_user WHERE oidc_subject = $1 AND id <> $2`, [
          oidcSubject,
          id,
        ]);
        if (taken) throw oidcSubjectTaken();
      }
      const disabledAt = disabled ? (user.disabled_at ?? now) : null;
      await query(
        `UPDATE app_user SET display_name = $2, email = $3, role = $4, disabled_at = $5, oidc_subject = $6 WHERE id = $1`,
        [id, displayName, email, role, disabledAt, oidcSubject],
      );
      // Unlinking or relinking a single sign-on identity ends the sessions it may have opened.
      const revoke = disabled || (user.oidc_subject !== null && oidcSubject !== user.oidc_subject);
      if (revoke) await this.revokeSessions(query, id, now);
      const changes: Record<string, { from: unknown; to: unknown }> = {};
      const change = (field: string, from: unknown, to: unknown) => {
        if (from !== to) changes[field] = { from, to };
      };
      change('displayName', user.display_name, displayName);
      change('email', user.email, email);
      change('role', user.role, role);
      change('disabled', wasDisabled, disabled);
      change('oidcSubject', user.oidc_subject, oidcSubject);
      await recordAdminAction(query, by, now, {
        action: 'user.updated',
        target: { kind: 'user', id, label: user.username },
        details: { changes, ...(revoke ? { sessionsRevoked: true } : {}) },
      });
    });
    return this.get(id);
  }

  /** A new one-time password; every session of the user ends. */
  async resetPassword(by: AdminRequest, rawId: string): Promise<AdminUserWithPassword> {
    const id = rawId.toLowerCase();
    const password = newOneTimePassword();
    const passwordHash = await this.hasher.hash(password);
    const now = this.clock.now();
    await this.transaction(async (query) => {
      const user = await this.lockUser(query, id);
      await query(`UPDATE app_user SET password_hash = $2 WHERE id = $1`, [id, passwordHash]);
      await this.revokeSessions(query, id, now);
      await recordAdminAction(query, by, now, {
        action: 'user.password_reset',
        target: { kind: 'user', id, label: user.username },
        details: { sessionsRevoked: true },
      });
    });
    return { user: await this.get(id), oneTimePassword: password };
  }

  /** Clears the login lock of the user's username (failures counted from other addresses stay theirs). */
  async unlock(by: AdminRequest, rawId: string): Promise<AdminUserView> {
    const id = rawId.toLowerCase();
    const now = this.clock.now();
    await this.transaction(async (query) => {
      const user = await this.lockUser(query, id);
      const [cleared] = await query<{ locked_until: Date | null }>(
        `DELETE FROM login_throttle WHERE key_hash = $1 RETURNING locked_until`,
        [throttleKeys(user.username, undefined).username],
      );
      const lockedUntil = cleared?.locked_until && cleared.locked_until > now ? cleared.locked_until : null;
      await recordAdminAction(query, by, now, {
        action: 'user.unlocked',
        target: { kind: 'user', id, label: user.username },
        details: { wasLocked: lockedUntil !== null, lockedUntil: lockedUntil?.toISOString() ?? null },
      });
    });
    return this.get(id);
  }

  /** Removes the second factor (active and pending), so the user can enrol a new one; every session ends. */
  async resetTotp(by: AdminRequest, rawId: string): Promise<AdminUserView> {
    const id = rawId.toLowerCase();
    const now = this.clock.now();
    await this.transaction(async (query) => {
      const user = await this.lockUser(query, id);
      const [removed] = await query<{ had_totp: boolean }>(
        `DELETE FROM user_totp WHERE user_id = $1 RETURNING secret IS NOT NULL AS had_totp`,
        [id],
      );
      await this.revokeSessions(query, id, now);
      await recordAdminAction(query, by, now, {
        action: 'user.totp_reset',
        target: { kind: 'user', id, label: user.username },
        details: { hadTotp: removed?.had_totp ?? false, sessionsRevoked: true },
      });
    });
    return this.get(id);
  }

  private async transaction<T>(work: (query: SqlQuery) => Promise<T>): Promise<T> {
    try {
      return await inPgTransaction(this.dataSource, work);
    } catch (error) {
      // Two admins giving the same username or single sign-on subject at once: the unique index decides.
      if (isUniqueViolation(error))
        throw (error as { constraint?: string }).constraint === 'IDX_app_user_oidc_subject'
          ? oidcSubjectTaken()
          : usernameTaken();
      throw error;
    }
  }

  private async lockUser(query: SqlQuery, id: string): Promise<LockedUser> {
    const [user] = await query<LockedUser>(
      `SELECT u.id, u.username, u.role, u.disabled_at, u.display_name, u.email, p.kind AS party_kind, u.oidc_subject
         FROM app_user u JOIN party p ON p.id = u.party_id
        WHERE u.id = $1 FOR UPDATE OF u`,
      [id],
    );
    if (!user) throw new NotFoundException('User');
    return user;
  }

  private async revokeSessions(query: SqlQuery, userId: string, now: Date): Promise<void> {
    await query(`UPDATE session SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL`, [
      userId,
      now,
    ]);
  }

  private async existingParty(query: SqlQuery, id: string) {
    const [party] = await query<{ id: string; kind: string; name: string }>(
      `SELECT id, kind, name FROM party WHERE id = $1`,
      [id],
    );
    if (!party) throw new NotFoundException('Party');
    return party;
  }

  /** The party of this kind and name (names compared ignoring case), made and logged if there is none. */
  private async partyByName(query: SqlQuery, by: AdminRequest, now: Date, kind: string, name: string) {
    await lockAdmin(query, 'parties');
    const [existing] = await query<{ id: string; kind: string; name: string }>(
      `SELECT id, kind, name FROM party WHERE kind = $1 AND lower(name) = lower($2) ORDER BY created_at, id LIMIT 1`,
      [kind, name],
    );
    if (existing) return existing;
    const [party] = await query<{ id: string; kind: string; name: string }>(
      `INSERT INTO party (kind, name, created_at) VALUES ($1, $2, $3) RETURNING id, kind, name`,
      [kind, name, now],
    );
    await recordAdminAction(query, by, now, {
      action: 'party.created',
      target: { kind: 'party', id: party.id, label: name },
      details: { kind, name },
    });
    return party;
  }

  private async views(rows: UserRow[]): Promise<AdminUserView[]> {
    const now = this.clock.now();
    const keyOf = (username: string) => throttleKeys(username, undefined).username;
    const locks: { key_hash: string; locked_until: Date }[] = rows.length
      ? await this.dataSource.query(
          `SELECT key_hash, locked_until FROM login_throttle WHERE key_hash = ANY($1::text[]) AND locked_until > $2`,
          [rows.map((r) => keyOf(r.username)), now],
        )
      : [];
    const lockedUntil = new Map(locks.map((l) => [l.key_hash, l.locked_until.toISOString()]));
    return rows.map((r) => ({
      id: r.id,
      username: r.username,
      displayName: r.display_name,
      email: r.email,
      party: { id: r.party_id, kind: r.party_kind, name: r.party_name },
      role: r.role,
      teams: r.teams,
      disabled: r.disabled_at !== null,
      disabledAt: r.disabled_at?.toISOString() ?? null,
      hasTotp: r.has_totp,
      lockedUntil: lockedUntil.get(keyOf(r.username)) ?? null,
      oidcSubject: r.oidc_subject,
      createdAt: r.created_at.toISOString(),
    }));
  }
}

const usernameTaken = () => conflict('username_taken', 'This username is taken', 'username');
const oidcSubjectTaken = () =>
  conflict('oidc_subject_taken', 'Another account is linked to this single sign-on subject', 'oidcSubject');

/** Exactly one way to name the party: partyId, or partyKind with partyName. */
function partyProblems(body: CreateUserDto): DomainErrorDetail[] {
  const byName = body.partyKind !== undefined || body.partyName !== undefined;
  if (body.partyId !== undefined && byName) {
    return [
      {
        code: 'invalid_field',
        field: 'partyId',
        message: 'Send partyId or partyKind with partyName, not both',
      },
    ];
  }
  if (body.partyId !== undefined) return [];
  if (!byName) {
    return [
      { code: 'invalid_field', field: 'partyId', message: 'Send partyId, or partyKind with partyName' },
    ];
  }
  return (['partyKind', 'partyName'] as const)
    .filter((field) => body[field] === undefined)
    .map((field) => ({
      code: 'invalid_field',
      field,
      message: `${field} is required with ${field === 'partyKind' ? 'partyName' : 'partyKind'}`,
    }));
}
