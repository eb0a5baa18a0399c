import { Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor, CurrentActor, invitedClientIds } from '@koers/access';
import { ClientData, NoClientData } from '@koers/audit';
import { Clock } from '@koers/clock';
import { NotFoundException, ValidationFailedException } from '@koers/errors';
import { pgPoolOf } from '@koers/persistence';
import { UuidParam } from '@koers/validation';

export interface NotificationView {
  id: string;
  topic: string;
  title: string;
  clientId: string | null;
  clientDisplayName: string | null;
  onBehalfOf: string | null;
  createdAt: string;
  readAt: string | null;
}

/** The in-app inbox: a user's own notifications, newest first. */
@ApiTags('notifications')
@ApiBearerAuth()
@Controller('notifications')
export class NotificationsController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  @Get()
  // Each notification may name a client (its id, and its name while the user may see it).
  @ClientData({ event: 'read', categories: ['identity'] })
  @ApiOperation({ summary: 'My notifications, newest first (unread=true for the unread ones only)' })
  @ApiQuery({ name: 'unread', required: false, enum: ['true', 'false'] })
  async list(@CurrentActor() actor: Actor, @Query('unread') unread?: string): Promise<NotificationView[]> {
    if (unread !== undefined && unread !== 'true' && unread !== 'false') {
      throw new ValidationFailedException([
        { code: 'invalid_field', field: 'unread', message: 'unread must be true or false' },
      ]);
    }
    const rows: (Omit<NotificationView, 'createdAt' | 'readAt'> & {
      createdAt: Date;
      readAt: Date | null;
    })[] = await this.dataSource.query(
      `SELECT n.id, n.topic, n.title, n.client_id AS "clientId", n.on_behalf_of AS "onBehalfOf",
                -- the client's name only while the user may still see that client
                (SELECT c.display_name FROM client c
                  WHERE c.id = n.client_id AND (c.team_id = ANY($2::uuid[]) OR c.id = ANY($4::uuid[]))) AS "clientDisplayName",
                n.created_at AS "createdAt", n.read_at AS "readAt"
           FROM notification n
          WHERE n.user_id = $1 AND ($3::boolean IS NOT TRUE OR n.read_at IS NULL)
          ORDER BY n.created_at DESC, n.id LIMIT 200`,
      [actor.userId, actor.teamIds, unread === 'true', invitedClientIds(actor)],
    );
    return rows.map((r) => ({
      ...r,
      createdAt: r.createdAt.toISOString(),
      readAt: r.readAt ? r.readAt.toISOString() : null,
    }));
  }

  @Get('unread-count')
  // A number only: the web app's menu badge asks often, and must not log a read of every client named.
  @NoClientData('counts your own unread notifications')
  @ApiOperation({ summary: 'How many of my notifications are unread' })
  async unreadCount(@CurrentActor() actor: Actor): Promise<{ unread: number }> {
    const [row]: { unread: number }[] = await this.dataSource.query(
      `SELECT count(*)::int AS unread FROM notification WHERE user_id = $1 AND read_at IS NULL`,
      [actor.userId],
    );
    return { unread: row.unread };
  }

  @Post(':id/read')
  @NoClientData('marks one of your own notifications read')
  @HttpCode(204)
  @ApiOperation({ summary: 'Mark one of my notifications as read' })
  async markRead(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<void> {
    const { rowCount } = await pgPoolOf(this.dataSource).query(
      `UPDATE notification SET read_at = COALESCE(read_at, $3) WHERE id = $1 AND user_id = $2`,
      [id, actor.userId, this.clock.now()],
    );
    if (rowCount === 0) throw new NotFoundException('Notification');
  }
}
