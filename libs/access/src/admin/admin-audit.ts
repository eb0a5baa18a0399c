import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AdminAuditAction, AdminAuditTargetKind, SqlQuery } from '@koers/persistence';
import type { AdminRequest } from './admin-role.guard';

export interface AdminAuditRecord {
  action: AdminAuditAction;
  target: { kind: AdminAuditTargetKind; id: string; label: string | null };
  /** What changed; never a password or a TOTP secret. */
  details?: Record<string, unknown>;
}

export interface AdminAuditEntryView {
  id: string;
  occurredAt: string;
  actor: { userId: string; username: string };
  action: AdminAuditAction;
  target: { kind: AdminAuditTargetKind; id: string; label: string | null };
  details: Record<string, unknown>;
  requestId: string | null;
}

export interface AdminAuditPage {
  items: AdminAuditEntryView[];
  /** Pass as `before` for the next (older) page; null on the last page. */
  nextBefore: string | null;
}

export interface AdminAuditFilter {
  actorUserId?: string;
  targetId?: string;
  action?: AdminAuditAction;
  before?: string;
  limit: number;
}

interface Row {
  id: string;
  occurred_at: Date;
  actor_user_id: string;
  actor_username: string;
  action: AdminAuditAction;
  target_kind: AdminAuditTargetKind;
  target_id: string;
  target_label: string | null;
  details: Record<string, unknown>;
  request_id: string | null;
}

/** Appends one row to `admin_audit`, in the transaction of the change it records (both or neither). */
export async function recordAdminAction(
  query: SqlQuery,
  by: AdminRequest,
  at: Date,
  record: AdminAuditRecord,
): Promise<void> {
  await query(
    `INSERT INTO admin_audit (occurred_at, actor_user_id, actor_username, action, target_kind, target_id, target_label, details, request_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [
      at,
      by.actor.userId,
      by.actor.username,
      record.action,
      record.target.kind,
      record.target.id,
      record.target.label,
      JSON.stringify(record.details ?? {}),
      by.requestId,
    ],
  );
}

/** Reads the admin log, newest first. */
@Injectable()
export class AdminAuditLog {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async search(filter: AdminAuditFilter): Promise<AdminAuditPage> {
    const rows: Row[] = await this.dataSource.query(
      `SELECT id, occurred_at, actor_user_id, actor_username, action, target_kind, target_id, target_label, details, request_id
         FROM admin_audit
        WHERE ($1::uuid IS NULL OR actor_user_id = $1)
          AND ($2::uuid IS NULL OR target_id = $2)
          AND ($3::text IS NULL OR action = $3)
          AND ($4::bigint IS NULL OR id < $4)
        ORDER BY id DESC
        LIMIT $5`,
      [
        filter.actorUserId ?? null,
        filter.targetId ?? null,
        filter.action ?? null,
        filter.before ?? null,
        filter.limit + 1,
      ],
    );
    const page = rows.slice(0, filter.limit);
    return {
      items: page.map((row) => ({
        id: row.id,
        occurredAt: row.occurred_at.toISOString(),
        actor: { userId: row.actor_user_id, username: row.actor_username },
        action: row.action,
        target: { kind: row.target_kind, id: row.target_id, label: row.target_label },
        details: row.details,
        requestId: row.request_id,
      })),
      nextBefore: rows.length > filter.limit ? page[page.length - 1].id : null,
    };
  }
}
