import { HttpException, Inject, Injectable, Logger } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Request } from 'express';
import { randomUUID } from 'node:crypto';
import { DATA_CATEGORIES, type Actor, type DataCategory, basisCategories } from '@koers/access';
import { Clock } from '@koers/clock';
import { DomainException, STATUS_BY_CODE } from '@koers/errors';
import type { AuditResult } from '@koers/persistence';
import { KOERS_CONFIG, type KoersConfig } from '@koers/config';
import { type CheckpointBreak, CheckpointVerifier } from './audit-anchor';
import { type ChainBreak, ChainVerifier } from './audit-canonical';
import { AuditLogRepository, type ChainQuery } from './audit-log.repository';
import { addAll, clientParamsOf, collectKeys } from './client-ids';
import type { AuditContext, ClientDataOptions } from './client-data.decorator';
import { REQUEST_ID } from './request-id.middleware';

/** The access log could not be written: the request fails with a generic 500 (nothing of the cause is shown). */
export class AuditWriteFailedError extends Error {
  constructor() {
    super('The access log could not be written; the request was not completed');
    this.name = 'AuditWriteFailedError';
  }
}

export type AuditedRequest = Request & { actor?: Actor; [REQUEST_ID]?: string };

export interface ChainVerification {
  ok: boolean;
  rows: number;
  /** The first row that does not follow from the one before (edited, inserted, or after a deleted row). */
  firstBrokenId?: string;
  reason?: ChainBreak | CheckpointBreak;
  /** Hash of the last row checked: note it down to notice later if the whole chain were rewritten. */
  headHash: string;
  /**
   * The checkpoints (HMAC with AUDIT_CHAIN_KEY) checked, and the last row they anchor. `developmentKey`: made with
   * the published development key, so they prove nothing against the database owner.
   */
  anchor: { checkpoints: number; anchoredThrough: string | null; developmentKey: boolean };
}

const VERIFY_BATCH = 5000;

/** The HTTP status an exception becomes, as the HttpExceptionFilter answers it. */
export function statusOf(error: unknown): number {
  if (error instanceof DomainException) return STATUS_BY_CODE[error.code];
  if (error instanceof HttpException) return error.getStatus();
  return 500;
}

const resultOf = (status: number): AuditResult =>
  status >= 500 ? 'error' : status >= 400 ? 'refused' : 'ok';

/**
 * The one audit point (architecture invariant 9): every request to a route marked @ClientData becomes one
 * access-log row through `record`, written before the answer goes out.
 */
@Injectable()
export class AuditService {
  private readonly logger = new Logger('AuditService');

  constructor(
    private readonly repository: AuditLogRepository,
    private readonly clock: Clock,
    private readonly moduleRef: ModuleRef,
    @Inject(KOERS_CONFIG)
    private readonly config: Pick<KoersConfig, 'auditChainKey' | 'auditChainKeyIsDevelopmentDefault'>,
  ) {}

  /** Writes the row; throws AuditWriteFailedError (and logs the cause, without client data) if it cannot. */
  async record(
    request: AuditedRequest,
    options: ClientDataOptions,
    outcome: { status: number; response?: unknown },
  ): Promise<void> {
    try {
      const actor = request.actor;
      const context: AuditContext = {
        actor,
        params: (request.params ?? {}) as Record<string, string>,
        query: (request.query ?? {}) as Record<string, unknown>,
        body: request.body,
        response: outcome.response,
        get: (type) => this.moduleRef.get(type, { strict: false }),
      };
      const result = resultOf(outcome.status);
      const clientIds = await this.clientIds(request, options, context, result === 'ok');
      // On which basis (invariant 9): each client's legal basis as it stands now, after the request.
      const bases = await this.repository.basesOf(clientIds);
      const clientBases = clientIds.map((id) => bases.get(id) ?? 'unknown');
      await this.repository.append({
        occurredAt: this.clock.now(),
        event: options.event,
        clientIds,
        clientBases,
        userId: actor?.userId ?? null,
        partyId: actor?.partyId ?? null,
        partyKind: actor?.partyKind ?? null,
        // Acting for someone else (a deputy's stand-in, on behalf of): the Actor says so once access knows it.
        responsibleUserId: (actor as { responsibleUserId?: string } | undefined)?.responsibleUserId ?? null,
        accessPoint: accessPointOf(request),
        categories: categoriesOf(options, context, result === 'ok', clientBases),
        result,
        status: outcome.status,
        requestId: request[REQUEST_ID] ?? randomUUID(),
      });
    } catch (error) {
      // The error's code (or name) only: a database error's message may quote a value.
      const code = (error as { code?: string }).code ?? (error instanceof Error ? error.name : 'unknown');
      this.logger.error(`access log write failed (${code}) for ${accessPointOf(request)}`);
      throw new AuditWriteFailedError();
    }
  }

  /**
   * Recomputes the whole chain in TypeScript, independently of the database functions that wrote it; then, if it
   * holds, checks every checkpoint (after the rows: a row read is always covered by a checkpoint committed with it).
   */
  async verify(query?: ChainQuery): Promise<ChainVerification> {
    const verifier = new ChainVerifier();
    let afterId = '0';
    for (;;) {
      const batch = await this.repository.chainBatch(afterId, VERIFY_BATCH, query);
      if (batch.length === 0 || !verifier.check(batch)) break;
      afterId = batch[batch.length - 1].id;
      if (batch.length < VERIFY_BATCH) break;
    }
    const anchor = new CheckpointVerifier(this.config.auditChainKey);
    if (!verifier.broken) {
      let afterCheckpoint = '0';
      for (;;) {
        const batch = await this.repository.checkpointBatch(afterCheckpoint, VERIFY_BATCH, query);
        if (batch.length === 0 || !anchor.check(batch)) break;
        afterCheckpoint = batch[batch.length - 1].id;
        if (batch.length < VERIFY_BATCH) break;
      }
      anchor.finish(verifier.lastRowId);
    }
    const broken = verifier.broken ?? anchor.broken;
    return {
      ok: !broken,
      rows: verifier.rows,
      ...(broken ? { firstBrokenId: broken.id, reason: broken.reason } : {}),
      headHash: verifier.headHash,
      anchor: {
        checkpoints: anchor.checkpoints,
        anchoredThrough: anchor.anchoredThrough > 0n ? String(anchor.anchoredThrough) : null,
        developmentKey: this.config.auditChainKeyIsDevelopmentDefault,
      },
    };
  }

  private async clientIds(
    request: AuditedRequest,
    options: ClientDataOptions,
    context: AuditContext,
    succeeded: boolean,
  ): Promise<string[]> {
    const sources = options.clients ?? {};
    const ids = new Set<string>();
    const params = sources.params ?? clientParamsOf(routeOf(request));
    addAll(
      ids,
      params.map((name) => context.params[name]),
    );
    addAll(
      ids,
      (sources.query ?? []).map((name) => context.query[name]),
    );
    if (sources.body?.length) collectKeys(context.body, new Set(sources.body), ids);
    if (succeeded) {
      if (sources.responseClientIds !== false) collectKeys(context.response, new Set(['clientId']), ids);
      if (sources.fromResponse) addAll(ids, sources.fromResponse(context.response));
      if (sources.resolve) addAll(ids, await sources.resolve(context));
    }
    return [...ids].sort();
  }
}

/** Method and route pattern, never the concrete URL (it holds ids, and a query string could hold anything). */
export function accessPointOf(request: Request): string {
  return `${request.method} ${routeOf(request)}`;
}

function routeOf(request: Request): string {
  const path: unknown = (request as { route?: { path?: unknown } }).route?.path;
  return typeof path === 'string' ? path : '(unmatched route)';
}

/**
 * The declared categories, narrowed per request (`categoriesOf`, after success), to what the actor may see at all
 * (the need-to-know matrix gives every Actor its `categories`) and to what the legal bases of the clients named
 * allow (a client whose consent was withdrawn shows identity and trajectory only). Sorted in the matrix's order.
 */
function categoriesOf(
  options: ClientDataOptions,
  context: AuditContext,
  succeeded: boolean,
  clientBases: readonly string[],
): string[] {
  let categories = new Set<DataCategory>(options.categories);
  const narrowed = options.categoriesOf?.({ ...context, response: succeeded ? context.response : undefined });
  if (narrowed) {
    const touched = new Set(narrowed);
    categories = new Set([...categories].filter((c) => touched.has(c)));
  }
  // A refusal keeps what was asked for; what went through is at most what the actor may see.
  const allowed = (context.actor as { categories?: unknown } | undefined)?.categories;
  if (succeeded && Array.isArray(allowed))
    categories = new Set([...categories].filter((c) => allowed.includes(c)));
  const known = clientBases.filter((basis) => basis !== 'unknown');
  if (succeeded && known.length > 0) {
    const onBasis = new Set(known.flatMap((basis) => basisCategories(basis)));
    categories = new Set([...categories].filter((c) => onBasis.has(c)));
  }
  return DATA_CATEGORIES.filter((c) => categories.has(c));
}
