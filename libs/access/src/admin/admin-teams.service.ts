import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '@koers/clock';
import { NotFoundException, ValidationFailedException } from '@koers/errors';
import { inPgTransaction, type SqlQuery, type UserRole } from '@koers/persistence';
import { recordAdminAction } from './admin-audit';
import type { AdminRequest } from './admin-role.guard';
import { conflict, isUniqueViolation, lockAdmin, readsNoClientData, refused } from './admin-rules';
import type { CreatePartyDto, CreateTeamDto } from './admin.dto';

export interface AdminTeamMemberView {
  userId: string;
  username: string;
  displayName: string;
  role: UserRole;
  party: { id: string; kind: string; name: string };
  disabled: boolean;
}

export interface AdminTeamView {
  id: string;
  name: string;
  municipality: { id: string; name: string; code: string };
  members: AdminTeamMemberView[];
  createdAt: string;
}

export interface AdminPartyView {
  id: string;
  kind: string;
  name: string;
  /** Accounts of this party (disabled ones included). */
  users: number;
  createdAt: string;
}

interface TeamRow {
  id: string;
  name: string;
  municipality_id: string;
  municipality_name: string;
  municipality_code: string;
  created_at: Date;
  members: AdminTeamMemberView[];
}

const TEAM_SELECT = `
  SELECT t.id, t.name, t.created_at, m.id AS municipality_id, m.name AS municipality_name, m.code AS municipality_code,
         COALESCE((SELECT json_agg(json_build_object(
                     'userId', u.id, 'username', u.username, 'displayName', u.display_name, 'role', u.role,
                     'party', json_build_object('id', p.id, 'kind', p.kind, 'name', p.name),
                     'disabled', u.disabled_at IS NOT NULL) ORDER BY u.display_name, u.id)
                     FROM team_member tm JOIN app_user u ON u.id = tm.user_id JOIN party p ON p.id = u.party_id
                    WHERE tm.team_id = t.id), '[]'::json) AS members
    FROM team t JOIN municipality m ON m.id = t.municipality_id`;

/**
 * Teams (casusoverleg) and parties as the admin sees them: names, municipality and who takes part. No client data,
 * and no set-up of the casusoverleg (that is the chair's, PATCH /api/teams/:id). Admins and privacy officers take
 * part in no team: their membership would be a way into client data.
 */
@Injectable()
export class AdminTeamsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async list(): Promise<AdminTeamView[]> {
    const rows: TeamRow[] = await this.dataSource.query(`${TEAM_SELECT} ORDER BY t.name, t.id`);
    return rows.map(teamView);
  }

  async get(id: string): Promise<AdminTeamView> {
    const [row]: TeamRow[] = await this.dataSource.query(`${TEAM_SELECT} WHERE t.id = $1`, [id]);
    if (!row) throw new NotFoundException('Team');
    return teamView(row);
  }

  async create(by: AdminRequest, body: CreateTeamDto): Promise<AdminTeamView> {
    if ((body.municipalityId === undefined) === (body.municipality === undefined)) {
      throw new ValidationFailedException([
        {
          code: 'invalid_field',
          field: 'municipalityId',
          message: 'Send municipalityId or municipality ({name, code}), one of the two',
        },
      ]);
    }
    const now = this.clock.now();
    const id = await this.transaction(async (query) => {
      await lockAdmin(query, 'teams');
      const municipality = body.municipalityId
        ? await this.existingMunicipality(query, body.municipalityId.toLowerCase())
        : await this.municipalityByCode(query, body.municipality!.name, body.municipality!.code);
      const [taken] = await query(
        `SELECT 1 FROM team WHERE municipality_id = $1 AND lower(name) = lower($2)`,
        [municipality.id, body.name],
      );
      if (taken) {
        throw conflict('team_name_taken', 'This municipality has a casusoverleg team by this name', 'name');
      }
      const [team] = await query<{ id: string }>(
        `INSERT INTO team (municipality_id, name, created_at) VALUES ($1, $2, $3) RETURNING id`,
        [municipality.id, body.name, now],
      );
      await recordAdminAction(query, by, now, {
        action: 'team.created',
        target: { kind: 'team', id: team.id, label: body.name },
        details: { municipality },
      });
      return team.id;
    });
    return this.get(id);
  }

  async addMember(by: AdminRequest, rawTeamId: string, rawUserId: string): Promise<AdminTeamView> {
    const teamId = rawTeamId.toLowerCase();
    const userId = rawUserId.toLowerCase();
    const now = this.clock.now();
    await this.transaction(async (query) => {
      const team = await this.existingTeam(query, teamId);
      // FOR UPDATE: a role change to admin or privacy officer checks memberships under the same row lock.
      const [user] = await query<{ username: string; role: UserRole; disabled: boolean }>(
        `SELECT username, role, disabled_at IS NOT NULL AS disabled FROM app_user WHERE id = $1 FOR UPDATE`,
        [userId],
      );
      if (!user) throw new NotFoundException('User');
      if (readsNoClientData(user.role)) {
        throw refused([
          {
            code: 'role_without_client_data',
            field: 'userId',
            message: `A user with role ${user.role} sees no client data and takes part in no casusoverleg team.`,
          },
        ]);
      }
      if (user.disabled) {
        throw refused([{ code: 'user_disabled', field: 'userId', message: 'This user is disabled.' }]);
      }
      const added = await query(
        `INSERT INTO team_member (team_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING user_id`,
        [teamId, userId],
      );
      if (added.length === 0)
        throw conflict('already_member', 'This user takes part in this team already', 'userId');
      await recordAdminAction(query, by, now, {
        action: 'team.member_added',
        target: { kind: 'team', id: teamId, label: team.name },
        details: { user: { id: userId, username: user.username, role: user.role } },
      });
    });
    return this.get(teamId);
  }

  async removeMember(by: AdminRequest, rawTeamId: string, rawUserId: string): Promise<AdminTeamView> {
    const teamId = rawTeamId.toLowerCase();
    const userId = rawUserId.toLowerCase();
    const now = this.clock.now();
    await this.transaction(async (query) => {
      const team = await this.existingTeam(query, teamId);
      const [removed] = await query<{ username: string; role: UserRole }>(
        `DELETE FROM team_member tm USING app_user u
          WHERE tm.team_id = $1 AND tm.user_id = $2 AND u.id = tm.user_id
         RETURNING u.username, u.role`,
        [teamId, userId],
      );
      if (!removed) throw new NotFoundException('Team member');
      await recordAdminAction(query, by, now, {
        action: 'team.member_removed',
        target: { kind: 'team', id: teamId, label: team.name },
        details: { user: { id: userId, username: removed.username, role: removed.role } },
      });
    });
    return this.get(teamId);
  }

  async listParties(): Promise<AdminPartyView[]> {
    const rows: { id: string; kind: string; name: string; users: number; created_at: Date }[] =
      await this.dataSource.query(
        `SELECT p.id, p.kind, p.name, p.created_at, (SELECT count(*)::int FROM app_user u WHERE u.party_id = p.id) AS users
           FROM party p ORDER BY p.kind, p.name, p.id`,
      );
    return rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      name: r.name,
      users: r.users,
      createdAt: r.created_at.toISOString(),
    }));
  }

  async createParty(by: AdminRequest, body: CreatePartyDto): Promise<AdminPartyView> {
    const now = this.clock.now();
    const id = await this.transaction(async (query) => {
      await lockAdmin(query, 'parties');
      const [taken] = await query(`SELECT 1 FROM party WHERE kind = $1 AND lower(name) = lower($2)`, [
        body.kind,
        body.name,
      ]);
      if (taken) throw conflict('party_name_taken', 'A party of this kind by this name exists', 'name');
      const [party] = await query<{ id: string }>(
        `INSERT INTO party (kind, name, created_at) VALUES ($1, $2, $3) RETURNING id`,
        [body.kind, body.name, now],
      );
      await recordAdminAction(query, by, now, {
        action: 'party.created',
        target: { kind: 'party', id: party.id, label: body.name },
        details: { kind: body.kind, name: body.name },
      });
      return party.id;
    });
    return (await this.listParties()).find((p) => p.id === id)!;
  }

  private async transaction<T>(work: (query: SqlQuery) => Promise<T>): Promise<T> {
    try {
      return await inPgTransaction(this.dataSource, work);
    } catch (error) {
      // Two admins making a municipality with the same code at once: the unique index decides.
      if (isUniqueViolation(error))
        throw conflict(
          'municipality_code_taken',
          'A municipality with this code exists',
          'municipality.code',
        );
      throw error;
    }
  }

  private async existingTeam(query: SqlQuery, id: string): Promise<{ name: string }> {
    const [team] = await query<{ name: string }>(`SELECT name FROM team WHERE id = $1`, [id]);
    if (!team) throw new NotFoundException('Team');
    return team;
  }

  private async existingMunicipality(query: SqlQuery, id: string) {
    const [municipality] = await query<{ id: string; name: string; code: string }>(
      `SELECT id, name, code FROM municipality WHERE id = $1`,
      [id],
    );
    if (!municipality) throw new NotFoundException('Municipality');
    return { ...municipality, created: false };
  }

  /** The municipality with this CBS code, made if new; a code already on record under another name is a 409. */
  private async municipalityByCode(query: SqlQuery, name: string, code: string) {
    const [existing] = await query<{ id: string; name: string; code: string }>(
      `SELECT id, name, code FROM municipality WHERE code = $1`,
      [code],
    );
    if (existing) {
      if (existing.name.toLowerCase() !== name.toLowerCase()) {
        throw conflict(
          'municipality_code_taken',
          `Municipality code ${code} is on record under another name`,
          'municipality.code',
        );
      }
      return { ...existing, created: false };
    }
    const [created] = await query<{ id: string }>(
      `INSERT INTO municipality (name, code, created_at) VALUES ($1, $2, $3) RETURNING id`,
      [name, code, this.clock.now()],
    );
    return { id: created.id, name, code, created: true };
  }
}

function teamView(row: TeamRow): AdminTeamView {
  return {
    id: row.id,
    name: row.name,
    municipality: { id: row.municipality_id, name: row.municipality_name, code: row.municipality_code },
    members: row.members,
    createdAt: row.created_at.toISOString(),
  };
}
