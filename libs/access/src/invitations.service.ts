import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock, addCalendarDays, amsterdamInstant, dueInstant } from '@koers/clock';
import { DomainErrorCode, DomainException, ForbiddenException, NotFoundException } from '@koers/errors';
import type { SqlQuery } from '@koers/persistence';
import type { Actor } from './actor';
import { ClientAccessRepository } from './client-access.repository';
import { InviteDto } from './invitation.dto';
import { NEED_TO_KNOW, type DataCategory } from './need-to-know';

export interface InvitationView {
  id: string;
  clientId: string;
  party: { id: string; kind: string; name: string };
  scope: string[];
  startsAt: string;
  endsAt: string;
  reason: string;
  invitedBy: string;
  revokedAt: string | null;
  active: boolean;
}

export interface NewInvitation {
  clientId: string;
  partyId: string;
  scope: DataCategory[];
  startsAt: Date;
  endsAt: Date;
  reason: string;
  invitedBy: string;
}

/** Writes an invitation inside the caller's transaction (also when a chain partner brings a signal in). */
export async function insertInvitation(query: SqlQuery, invitation: NewInvitation): Promise<string> {
  const [row] = await query<{ id: string }>(
    `INSERT INTO client_invitation (client_id, party_id, scope, starts_at, ends_at, reason, invited_by, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $4) RETURNING id`,
    [
      invitation.clientId,
      invitation.partyId,
      invitation.scope,
      invitation.startsAt,
      invitation.endsAt,
      invitation.reason,
      invitation.invitedBy,
    ],
  );
  return row.id;
}

/** Who may invite chain partners to a client, and revoke them: the chair and the case coordinator. */
const INVITERS = ['municipality', 'addiction_care'];

/** How long a chain partner that brought a signal in may follow it without a further invitation. */
export const SIGNAL_INVITATION_DAYS = 90;

/**
 * Chain partners join per case when invited (domain.md §1, §8): an invitation names the client, the party, the
 * data categories it may see there (within its party's need-to-know) and until when.
 */
@Injectable()
export class InvitationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: ClientAccessRepository,
    private readonly clock: Clock,
  ) {}

  async invite(actor: Actor, clientId: string, dto: InviteDto): Promise<InvitationView> {
    const teamId = await this.teamOf(actor, clientId);
    if (!INVITERS.includes(actor.partyKind) && actor.role !== 'chair') {
      throw new ForbiddenException('Only the chair or the case coordinator invites chain partners');
    }
    const allowed = NEED_TO_KNOW[dto.partyKind as keyof typeof NEED_TO_KNOW].categories as readonly string[];
    const beyond = dto.scope.filter((c) => !allowed.includes(c));
    if (beyond.length > 0) {
      throw this.refused(
        'scope_beyond_need_to_know',
        `Deze partij mag van een cliënt niet meer zien dan: ${allowed.join(', ')} (niet: ${beyond.join(', ')}).`,
      );
    }
    const parties: { id: string }[] = await this.dataSource.query(
      `SELECT DISTINCT p.id FROM party p JOIN app_user u ON u.party_id = p.id
         JOIN team_member tm ON tm.user_id = u.id AND tm.team_id = $1
        WHERE p.kind = $2 AND ($3::uuid IS NULL OR p.id = $3)`,
      [teamId, dto.partyKind, dto.partyId ?? null],
    );
    if (parties.length === 0) {
      throw this.refused(
        'party_not_in_casusoverleg',
        'Van deze partij neemt niemand deel aan dit casusoverleg.',
      );
    }
    if (parties.length > 1) {
      throw this.refused(
        'party_ambiguous',
        'Er zijn meerdere partijen van deze soort; kies er een (partyId).',
      );
    }
    const now = this.clock.now();
    const endsAt = /^\d{4}-\d{2}-\d{2}$/.test(dto.endsAt)
      ? amsterdamInstant(addCalendarDays(dto.endsAt, 1))
      : dueInstant(dto.endsAt);
    if (endsAt <= now) {
      throw this.refused('ends_in_past', 'De einddatum van de uitnodiging moet in de toekomst liggen.');
    }
    const id = await insertInvitation((text, values) => this.dataSource.query(text, values), {
      clientId,
      partyId: parties[0].id,
      scope: dto.scope as DataCategory[],
      startsAt: now,
      endsAt,
      reason: dto.reason,
      invitedBy: actor.userId,
    });
    return (await this.list(actor, clientId)).find((i) => i.id === id)!;
  }

  async list(actor: Actor, clientId: string): Promise<InvitationView[]> {
    await this.teamOf(actor, clientId);
    const now = this.clock.now();
    const rows: {
      id: string;
      client_id: string;
      party_id: string;
      kind: string;
      name: string;
      scope: string[];
      starts_at: Date;
      ends_at: Date;
      reason: string;
      invited_by: string;
      revoked_at: Date | null;
    }[] = await this.dataSource.query(
      `SELECT ci.id, ci.client_id, ci.party_id, p.kind, p.name, ci.scope, ci.starts_at, ci.ends_at, ci.reason,
              u.display_name AS invited_by, ci.revoked_at
         FROM client_invitation ci JOIN party p ON p.id = ci.party_id JOIN app_user u ON u.id = ci.invited_by
        WHERE ci.client_id = $1 ORDER BY ci.created_at DESC`,
      [clientId],
    );
    return rows.map((r) => ({
      id: r.id,
      clientId: r.client_id,
      party: { id: r.party_id, kind: r.kind, name: r.name },
      scope: r.scope,
      startsAt: r.starts_at.toISOString(),
      endsAt: r.ends_at.toISOString(),
      reason: r.reason,
      invitedBy: r.invited_by,
      revokedAt: r.revoked_at ? r.revoked_at.toISOString() : null,
      active: r.revoked_at === null && r.starts_at <= now && r.ends_at > now,
    }));
  }

  async revoke(actor: Actor, invitationId: string): Promise<InvitationView> {
    const [row] = await this.dataSource.query(`SELECT client_id FROM client_invitation WHERE id = $1`, [
      invitationId,
    ]);
    if (!row) throw new NotFoundException('Invitation');
    await this.teamOf(actor, row.client_id);
    if (!INVITERS.includes(actor.partyKind) && actor.role !== 'chair') {
      throw new ForbiddenException('Only the chair or the case coordinator revokes invitations');
    }
    await this.dataSource.query(
      `UPDATE client_invitation SET revoked_at = $2, revoked_by = $3 WHERE id = $1 AND revoked_at IS NULL`,
      [invitationId, this.clock.now(), actor.userId],
    );
    return (await this.list(actor, row.client_id)).find((i) => i.id === invitationId)!;
  }

  /** Invitations are managed by the client's own casusoverleg (the full-scope participants). */
  private async teamOf(actor: Actor, clientId: string): Promise<string> {
    return (await this.access.assertClientVisible(actor, clientId, { teamOnly: true })).teamId;
  }

  private refused(code: string, message: string): DomainException {
    return new DomainException(DomainErrorCode.EventRefused, message, [{ code, message }]);
  }
}
