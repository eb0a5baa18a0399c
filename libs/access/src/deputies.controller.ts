import { Body, Controller, Delete, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { amsterdamInstant, Clock } from '@koers/clock';
import { ForbiddenException, NotFoundException, ValidationFailedException } from '@koers/errors';
import { UuidParam } from '@koers/validation';
import type { Actor } from './actor';
import { CurrentActor } from './auth.guard';
import { NameDeputyDto } from './deputy.dto';

export interface DeputyView {
  id: string;
  userId: string;
  userDisplayName: string;
  deputyUserId: string;
  deputyDisplayName: string;
  startsAt: string;
  endsAt: string;
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const instantOf = (value: string) => (DATE_ONLY.test(value) ? amsterdamInstant(value) : new Date(value));

/**
 * Stand-ins (handreiking: each casusoverleg agrees who replaces whom): deadline steps falling due in the
 * period go to the deputy, and the notification says for whom. A participant names their own deputy;
 * the chair may name one for anyone in their casusoverleg. Both must share a casusoverleg.
 */
@ApiTags('deputies')
@ApiBearerAuth()
@Controller('deputies')
export class DeputiesController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Current and coming deputies in my casusoverleg teams' })
  async list(@CurrentActor() actor: Actor): Promise<DeputyView[]> {
    const rows: (Omit<DeputyView, 'startsAt' | 'endsAt'> & { startsAt: Date; endsAt: Date })[] =
      await this.dataSource.query(
        `SELECT d.id, d.user_id AS "userId", u.display_name AS "userDisplayName", d.deputy_user_id AS "deputyUserId",
              du.display_name AS "deputyDisplayName", d.starts_at AS "startsAt", d.ends_at AS "endsAt"
         FROM deputy d JOIN app_user u ON u.id = d.user_id JOIN app_user du ON du.id = d.deputy_user_id
        WHERE d.ends_at > $2
          AND EXISTS (SELECT 1 FROM team_member tm WHERE tm.user_id = d.user_id AND tm.team_id = ANY($1::uuid[]))
        ORDER BY d.starts_at, d.id`,
        [actor.memberTeamIds, this.clock.now()],
      );
    return rows.map((r) => ({ ...r, startsAt: r.startsAt.toISOString(), endsAt: r.endsAt.toISOString() }));
  }

  @Post()
  @ApiOperation({ summary: 'Name a deputy for a period (holiday, illness)' })
  async name(@CurrentActor() actor: Actor, @Body() body: NameDeputyDto): Promise<DeputyView> {
    const userId = (body.userId ?? actor.userId).toLowerCase();
    const deputyUserId = body.deputyUserId.toLowerCase();
    if (userId !== actor.userId && actor.role !== 'chair') {
      throw new ForbiddenException('Only the chair names a deputy for someone else');
    }
    const startsAt = instantOf(body.startsAt);
    const endsAt = instantOf(body.endsAt);
    const problems = [];
    if (endsAt <= startsAt)
      problems.push({ code: 'invalid_field', field: 'endsAt', message: 'endsAt must be after startsAt' });
    if (deputyUserId === userId) {
      problems.push({
        code: 'invalid_field',
        field: 'deputyUserId',
        message: 'a deputy stands in for someone else',
      });
    }
    if (problems.length > 0) throw new ValidationFailedException(problems);
    // Both must be participants of one of the actor's teams: never name a stranger.
    const [shared] = await this.dataSource.query(
      `SELECT 1 FROM team_member a JOIN team_member b ON b.team_id = a.team_id
        WHERE a.user_id = $1 AND b.user_id = $2 AND a.team_id = ANY($3::uuid[])`,
      [userId, deputyUserId, actor.memberTeamIds],
    );
    if (!shared) throw new NotFoundException('Participant');
    const [row] = await this.dataSource.query(
      `INSERT INTO deputy (user_id, deputy_user_id, starts_at, ends_at, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [userId, deputyUserId, startsAt, endsAt, this.clock.now()],
    );
    const views = await this.list(actor);
    return views.find((v) => v.id === row.id)!;
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Withdraw a deputy (yours, or any in your casusoverleg as chair)' })
  async withdraw(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<void> {
    const [row] = await this.dataSource.query(
      `SELECT d.user_id FROM deputy d
        WHERE d.id = $1 AND EXISTS (SELECT 1 FROM team_member tm WHERE tm.user_id = d.user_id AND tm.team_id = ANY($2::uuid[]))`,
      [id, actor.memberTeamIds],
    );
    if (!row) throw new NotFoundException('Deputy');
    if (row.user_id !== actor.userId && actor.role !== 'chair')
      throw new ForbiddenException('Not your deputy');
    await this.dataSource.query(`DELETE FROM deputy WHERE id = $1`, [id]);
  }
}
