import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@koers/access';
import { addCalendarDays, amsterdamInstant } from '@koers/clock';
import { UuidParam } from '@koers/validation';
import { AuditLogRepository, type AuditEntryRow } from './audit-log.repository';
import { AuditQueryDto } from './audit-query.dto';
import { AuditService, type ChainVerification } from './audit.service';
import { ClientData } from './client-data.decorator';
import { AuditActor, assertPrivacyOfficer } from './privacy-officer';

export interface AuditEntryView {
  id: string;
  occurredAt: string;
  event: string;
  clientIds: string[];
  /** The legal basis of each client of `clientIds` (same order) when the row was written; null before it was logged. */
  clientBases: string[] | null;
  user: { id: string; displayName: string | null } | null;
  partyId: string | null;
  partyKind: string | null;
  responsibleUserId: string | null;
  accessPoint: string;
  categories: string[];
  result: string;
  status: number;
  requestId: string;
}

export interface AuditPage {
  items: AuditEntryView[];
  /** Pass as `before` for the next (older) page; null on the last page. */
  nextBefore: string | null;
}

export interface ClientReadersView {
  clientId: string;
  /** Everyone who read, searched, exported or changed this client's data, or tried to: most recent first. */
  readers: {
    user: { id: string; displayName: string | null } | null;
    partyKind: string | null;
    accesses: number;
    refused: number;
    firstAt: string;
    lastAt: string;
    events: string[];
    categories: string[];
  }[];
  /** The most recent accesses; older ones through GET /api/audit?clientId=…&before=…. */
  recent: AuditEntryView[];
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const RECENT = 100;

const view = (row: AuditEntryRow): AuditEntryView => ({
  id: row.id,
  occurredAt: row.occurredAt.toISOString(),
  event: row.event,
  clientIds: row.clientIds,
  clientBases: row.clientBases,
  user: row.userId ? { id: row.userId, displayName: row.userDisplayName } : null,
  partyId: row.partyId,
  partyKind: row.partyKind,
  responsibleUserId: row.responsibleUserId,
  accessPoint: row.accessPoint,
  categories: row.categories,
  result: row.result,
  status: row.status,
  requestId: row.requestId,
});

/**
 * The privacy officer's view of the access log: search it, "who looked at this file" for one client, and verify
 * the hash chain. These reads are logged themselves (event `audit`). Client ids only: no names, no client data.
 */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class AuditController {
  constructor(
    private readonly repository: AuditLogRepository,
    private readonly audit: AuditService,
  ) {}

  @Get()
  @ClientData({ event: 'audit', categories: [], clients: { query: ['clientId'], responseClientIds: false } })
  @ApiOperation({
    summary: 'Search the access log, newest first (privacy officer)',
    description:
      'Filters: clientId, userId, from, to (dates are Amsterdam days), event, result; pages via `before`.',
  })
  async search(@AuditActor() actor: Actor, @Query() query: AuditQueryDto): Promise<AuditPage> {
    assertPrivacyOfficer(actor);
    const limit = query.limit ?? 100;
    const rows = await this.repository.search({
      clientId: query.clientId,
      userId: query.userId,
      from: query.from
        ? DATE_ONLY.test(query.from)
          ? amsterdamInstant(query.from)
          : new Date(query.from)
        : undefined,
      to: query.to
        ? DATE_ONLY.test(query.to)
          ? amsterdamInstant(addCalendarDays(query.to, 1))
          : new Date(query.to)
        : undefined,
      event: query.event,
      result: query.result,
      beforeId: query.before,
      limit: limit + 1,
    });
    const page = rows.slice(0, limit);
    return { items: page.map(view), nextBefore: rows.length > limit ? page[page.length - 1].id : null };
  }

  @Get('verify')
  @ClientData({ event: 'audit', categories: [] })
  @ApiOperation({
    summary: 'Recompute the hash chain of the access log (privacy officer)',
    description:
      '`ok` false names the first row that does not follow from the one before (edited, inserted, or after a deleted row).',
  })
  async verify(@AuditActor() actor: Actor): Promise<ChainVerification> {
    assertPrivacyOfficer(actor);
    return this.audit.verify();
  }

  @Get('clients/:clientId')
  @ClientData({ event: 'audit', categories: [], clients: { responseClientIds: false } })
  @ApiOperation({
    summary: 'Who looked at this file: users, parties, when and which data categories (privacy officer)',
  })
  async readers(
    @AuditActor() actor: Actor,
    @UuidParam('clientId') clientId: string,
  ): Promise<ClientReadersView> {
    assertPrivacyOfficer(actor);
    const id = clientId.toLowerCase();
    const [readers, recent] = await Promise.all([
      this.repository.readersOf(id),
      this.repository.search({ clientId: id, exceptEvent: 'audit', limit: RECENT }),
    ]);
    return {
      clientId: id,
      readers: readers.map((r) => ({
        user: r.userId ? { id: r.userId, displayName: r.userDisplayName } : null,
        partyKind: r.partyKind,
        accesses: r.accesses,
        refused: r.refused,
        firstAt: r.firstAt.toISOString(),
        lastAt: r.lastAt.toISOString(),
        events: r.events,
        categories: r.categories,
      })),
      recent: recent.map(view),
    };
  }
}
