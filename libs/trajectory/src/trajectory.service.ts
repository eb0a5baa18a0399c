import { Injectable } from '@nestjs/common';
import {
  STAGE_LABELS,
  TRAJECTORY_MACHINE_ID,
  TRAJECTORY_MACHINE_VERSION,
  TRAJECTORY_EVENT_TYPES,
  type DeadlineChange,
  type Stage,
  type SystemTrajectoryEvent,
  type TrajectoryContext,
  type TrajectoryEvent,
  deadlineChanges,
  legalBasisKindOf,
  acceptedEventTypes,
  applyEvent,
  blockedMilestones,
  initialSnapshot,
  persistSnapshot,
  restoreSnapshot,
  stageOf,
} from '@koers/machines/trajectory';
import {
  type Actor,
  COVENANT_ROLES,
  ClientAccessRepository,
  type DataCategory,
  SIGNAL_INVITATION_DAYS,
  basisCategories,
  invokesCovenant,
  accessOf,
  categoriesFor,
  insertInvitation,
  eventCategory,
  memberTeam,
  redactContext,
  scopeOf,
} from '@koers/access';
import { Clock, addAmsterdamDays, calendarDaysBetween } from '@koers/clock';
import type { EntityManager } from 'typeorm';
import {
  DomainErrorCode,
  DomainException,
  EventRefusedException,
  ForbiddenException,
  NotFoundException,
  StaleVersionException,
  ValidationFailedException,
} from '@koers/errors';
import { DeadlineWriter } from '@koers/deadlines';
import { validateBody } from '@koers/validation';
import { CreateClientDto } from './dto/create-client.dto';
import { EVENT_PAYLOAD_DTOS, TrajectoryEventType } from './dto/trajectory-event.dto';
import { ClientRow, HistoryRow, TrajectoryRepository, TrajectoryRow } from './trajectory.repository';
import { XSTATE_VERSION, upgradeSnapshot } from './snapshot-versions';
import { machineBlockerColumns } from './board/board-projection';
import { type LegalBasisView, legalBasisView } from './legal-basis.view';

/** Without expectedVersion, an event lost to a concurrent one is re-evaluated this often before a 409. */
const MAX_WRITE_ATTEMPTS = 25;

/** The first history entry of every trajectory: the signal that opened it. */
export const SIGNAL_REGISTERED = 'SIGNAL_REGISTERED';

export interface ClientListItem {
  id: string;
  displayName: string;
  teamId: string;
  stage: string;
  stageLabel: string;
  daysInStage: number;
}

export interface TrajectoryView {
  id: string;
  stage: Stage;
  stageLabel: string;
  state: unknown;
  context: unknown;
  version: number;
  stageEnteredAt: string;
  daysInStage: number;
  openedAt: string;
  closedAt: string | null;
  machine: { id: string; version: number; xstateVersion: string };
  allowedEvents: string[];
  blockedEvents: { type: string; reasons: string[] }[];
  history?: HistoryEntry[];
  /** The legal basis (GET of the client): kind, and with the trajectory category who recorded it, when, why. */
  legalBasis?: LegalBasisView;
}

export interface HistoryEntry {
  seq: number;
  type: string;
  fromStage: string | null;
  toStage: string;
  at: string;
  by: { userId: string | null; displayName: string | null; party: string | null };
  payload: Record<string, unknown>;
  /** The payload is of a data category the reader may not see. */
  redacted?: boolean;
}

export interface ClientDetail {
  client: {
    id: string;
    teamId: string;
    displayName: string;
    birthDate: string | null;
    hasBsn: boolean;
    createdAt: string;
  };
  trajectory: TrajectoryView;
}

@Injectable()
export class TrajectoryService {
  constructor(
    private readonly repository: TrajectoryRepository,
    private readonly clock: Clock,
    private readonly deadlines: DeadlineWriter,
    private readonly access: ClientAccessRepository,
  ) {}

  /** Registers a signal: a new client with a trajectory in stage `signal`, in one transaction. */
  async registerClient(actor: Actor, dto: CreateClientDto): Promise<string> {
    const teamId = this.resolveTeam(actor, dto.teamId);
    const now = this.clock.now();
    const initial = initialSnapshot();
    const snapshot = persistSnapshot(initial);
    const stage = stageOf(initial);
    return this.repository.transaction(async (manager) => {
      const clientId = await this.repository.insertClient(manager, {
        teamId,
        displayName: dto.displayName,
        birthDate: dto.birthDate ?? null,
        bsn: dto.bsn ? dto.bsn.padStart(9, '0') : null, // the 11-test reads 8 digits with a leading 0
        createdBy: actor.userId,
        createdAt: now,
      });
      const trajectoryId = await this.repository.insertTrajectory(manager, {
        clientId,
        teamId,
        machineId: TRAJECTORY_MACHINE_ID,
        machineVersion: TRAJECTORY_MACHINE_VERSION,
        xstateVersion: XSTATE_VERSION,
        snapshot,
        version: 1,
        stage,
        stageEnteredAt: now,
        openedAt: now,
        machineBlockers: machineBlockerColumns(initial),
      });
      await this.repository.appendEvent(manager, {
        trajectoryId,
        seq: 1,
        type: SIGNAL_REGISTERED,
        payload: { source: dto.signal.source, description: dto.signal.description },
        fromStage: null,
        toStage: stage,
        userId: actor.userId,
        partyId: actor.partyId,
        partyKind: actor.partyKind,
        occurredAt: now,
      });
      await this.deadlines.apply(
        (sql, values) => manager.query(sql, values),
        { teamId, trajectoryId, seq: 1, eventTime: now },
        deadlineChanges(null, { type: SIGNAL_REGISTERED }, initial),
      );
      if (!actor.teamIds.includes(teamId)) await this.inviteSignaller(manager, actor, clientId, now);
      return clientId;
    });
  }

  /**
   * A chain partner that brings a signal in may follow that client for a while, within its need-to-know: it is
   * invited in the same transaction (and this request's actor learns it, so the answer can show the client).
   */
  private async inviteSignaller(manager: EntityManager, actor: Actor, clientId: string, now: Date) {
    const scope = accessOf(actor.partyKind, actor.role).categories.filter((c) => c !== 'identity');
    await insertInvitation((sql, values) => manager.query(sql, values), {
      clientId,
      partyId: actor.partyId,
      scope,
      startsAt: now,
      endsAt: addAmsterdamDays(now, SIGNAL_INVITATION_DAYS),
      reason: 'Heeft het signaal ingebracht.',
      invitedBy: actor.userId,
    });
    actor.invitations.push({ clientId, scope });
  }

  /**
   * Validates and applies one event with optimistic concurrency: read the trajectory, compute the step
   * with the pure machine, then store snapshot + history + outbox in one statement that only applies if
   * the version is still the one read. With `expectedVersion` a lost race is a 409; without it the event
   * is re-evaluated on the newer state (it may now be refused). A refused event changes nothing.
   * Returns the new trajectory (without history) from what was written: no re-read.
   */
  async recordEvent(actor: Actor, clientId: string, body: unknown): Promise<TrajectoryView> {
    const { event, expectedVersion } = await this.parseEvent(body);
    let teamId = '';
    const view = await this.step(
      async () => {
        const row = await this.repository.findByClient(clientId, scopeOf(actor));
        if (row) {
          teamId = row.teamId;
          this.assertMayRecord(actor, row, event);
        }
        return row;
      },
      event,
      { userId: actor.userId, partyId: actor.partyId, partyKind: actor.partyKind },
      expectedVersion,
    );
    if (!view) throw new NotFoundException('Client');
    // The answer shows what the basis after the event allows: a withdrawal of consent narrows it at once.
    const basis = legalBasisKindOf(view.context as TrajectoryContext);
    return this.redact(view, categoriesFor(actor, teamId, clientId, basis));
  }

  /**
   * Need-to-know for writing (domain.md §8): the event's data category must be one the actor may see of the client
   * on the client's legal basis, and recording a covenant after the consent stage is the chair's decision.
   */
  private assertMayRecord(actor: Actor, row: TrajectoryRow, event: TrajectoryEvent): void {
    const basis = row.legalBasis ?? 'none';
    const category = eventCategory(event.type);
    if (!categoriesFor(actor, row.teamId, row.clientId, basis).includes(category)) {
      throw new ForbiddenException(
        basisCategories(basis).includes(category)
          ? `Your party may not record ${event.type} (need-to-know)`
          : `${event.type} is ${category} data, which the client's legal basis (${basis}) does not allow to be shared`,
      );
    }
    if (invokesCovenant(event) && !(COVENANT_ROLES as readonly string[]).includes(actor.role)) {
      throw new ForbiddenException('Only the chair records a covenant to go on without the client’s consent');
    }
  }

  /**
   * An event the system sends itself (a deadline fell due): no sender, no version check. An event the
   * trajectory does not accept (any more) is a no-op, not an error: returns null then.
   */
  async recordSystemEvent(
    trajectoryId: string,
    event: SystemTrajectoryEvent,
  ): Promise<TrajectoryView | null> {
    try {
      return await this.step(() => this.repository.findById(trajectoryId), event, null);
    } catch (error) {
      if (error instanceof EventRefusedException) return null;
      throw error;
    }
  }

  /** The optimistic read → compute → compare-and-set loop shared by user and system events. */
  private async step(
    find: () => Promise<TrajectoryRow | null>,
    event: TrajectoryEvent,
    sender: { userId: string; partyId: string; partyKind: string } | null,
    expectedVersion?: number,
  ): Promise<TrajectoryView | null> {
    const { type: _type, ...payload } = event as TrajectoryEvent & Record<string, unknown>;
    for (let attempt = 1; attempt <= MAX_WRITE_ATTEMPTS; attempt++) {
      const current = await find();
      if (!current) return null;
      if (expectedVersion !== undefined && expectedVersion !== current.version) {
        throw new StaleVersionException(expectedVersion, current.version);
      }
      const before = this.restore(current);
      const result = applyEvent(before, event);
      if (!result.ok) throw new EventRefusedException(event.type, result.refusals);
      const now = this.clock.now();
      const next: TrajectoryRow = {
        ...current,
        snapshot: persistSnapshot(result.snapshot),
        version: current.version + 1,
        stage: result.stage,
        stageEnteredAt: result.stage === current.stage ? current.stageEnteredAt : now,
        closedAt: result.stage === 'closed' ? (current.closedAt ?? now) : null,
      };
      const saved = await this.repository.saveStep(
        {
          trajectoryId: current.id,
          seq: next.version,
          type: event.type,
          payload,
          fromStage: current.stage,
          toStage: next.stage,
          userId: sender?.userId ?? null,
          partyId: sender?.partyId ?? null,
          partyKind: sender?.partyKind ?? null,
          occurredAt: now,
        },
        { ...next, machineBlockers: machineBlockerColumns(result.snapshot) },
        current.version,
        this.deadlineWrites(
          current,
          next.version,
          now,
          deadlineChanges(before, event, result.snapshot),
          result.stage === 'closed' && current.stage !== 'closed',
        ),
      );
      if (saved) return this.trajectoryView(next, result.snapshot);
      if (expectedVersion !== undefined)
        throw new StaleVersionException(expectedVersion, current.version + 1);
    }
    throw new DomainException(
      DomainErrorCode.Conflict,
      'The trajectory is being changed by many people at once; try again in a moment',
    );
  }

  async listClients(actor: Actor): Promise<ClientListItem[]> {
    const now = this.clock.now();
    const rows = await this.repository.listClients(scopeOf(actor));
    return rows.map((row) => ({
      id: row.id,
      displayName: row.displayName,
      teamId: row.teamId,
      stage: row.stage,
      stageLabel: STAGE_LABELS[row.stage as Stage] ?? row.stage,
      daysInStage: calendarDaysBetween(row.stageEnteredAt, now),
    }));
  }

  async getClient(actor: Actor, clientId: string): Promise<ClientDetail> {
    await this.access.assertClientVisible(actor, clientId);
    const found = await this.repository.findClient(clientId);
    if (!found) throw new NotFoundException('Client');
    const history = await this.repository.history(found.trajectory.id, found.trajectory.version);
    const basis = found.trajectory.legalBasis ?? 'none';
    const categories = categoriesFor(actor, found.client.teamId, clientId, basis);
    const legalBasis = legalBasisView(basis, history, categories.includes('trajectory'));
    return {
      client: this.clientView(found.client),
      trajectory: this.redact(
        { ...this.trajectoryView(found.trajectory), history: history.map(toHistoryEntry), legalBasis },
        categories,
      ),
    };
  }

  /** The client's legal basis with its history (GET /clients/:id/legal-basis); 404 outside the user's reach. */
  async getLegalBasis(actor: Actor, clientId: string): Promise<LegalBasisView> {
    await this.access.assertClientVisible(actor, clientId);
    const found = await this.repository.findClient(clientId);
    if (!found) throw new NotFoundException('Client');
    const row = found.trajectory;
    // Categories from the row the history is read against (an event may have come in between the two reads).
    const basis = row.legalBasis ?? 'none';
    const categories = categoriesFor(actor, row.teamId, row.clientId, basis);
    const history = await this.repository.basisHistory(row.id, row.version);
    return legalBasisView(basis, history, categories.includes('trajectory'));
  }

  /**
   * Need-to-know (domain.md §8): context fields and history payloads of categories the reader may not see are
   * left out (the history keeps the event type and stage change, marked `redacted`); the events offered are the
   * ones the reader's party may record; blocked-event reasons need the trajectory category.
   */
  private redact(view: TrajectoryView, categories: DataCategory[]): TrajectoryView {
    return {
      ...view,
      context: redactContext(view.context as Record<string, unknown>, categories),
      allowedEvents: view.allowedEvents.filter((type) => categories.includes(eventCategory(type))),
      blockedEvents: categories.includes('trajectory') ? view.blockedEvents : [],
      history: view.history?.map((entry) =>
        categories.includes(eventCategory(entry.type)) ? entry : { ...entry, payload: {}, redacted: true },
      ),
    };
  }

  /**
   * The deadline rows a step changes, written in the step's own statement; undefined when there are none.
   * Closing the trajectory also ends its actions' deadlines: nobody needs reminding of them any more.
   */
  private deadlineWrites(
    row: TrajectoryRow,
    seq: number,
    eventTime: Date,
    changes: DeadlineChange[],
    closing: boolean,
  ) {
    if (changes.length === 0 && !closing) return undefined;
    const context = { teamId: row.teamId, trajectoryId: row.id, seq, eventTime };
    const plan = this.deadlines.plan(context, changes, row.deadlineSettings ?? {});
    if (closing) plan.cancelKinds.push('action_due');
    return { teamId: row.teamId, plan };
  }

  private clientView(client: ClientRow): ClientDetail['client'] {
    return { ...client, createdAt: client.createdAt.toISOString() };
  }

  private trajectoryView(row: TrajectoryRow, snapshot = this.restore(row)): TrajectoryView {
    const stage = stageOf(snapshot);
    return {
      id: row.id,
      stage,
      stageLabel: STAGE_LABELS[stage],
      state: snapshot.value,
      context: snapshot.context,
      version: row.version,
      stageEnteredAt: row.stageEnteredAt.toISOString(),
      daysInStage: calendarDaysBetween(row.stageEnteredAt, this.clock.now()),
      openedAt: row.openedAt.toISOString(),
      closedAt: row.closedAt ? row.closedAt.toISOString() : null,
      machine: { id: row.machineId, version: row.machineVersion, xstateVersion: row.xstateVersion },
      allowedEvents: acceptedEventTypes(snapshot),
      blockedEvents: blockedMilestones(snapshot),
    };
  }

  private restore(row: TrajectoryRow) {
    return restoreSnapshot(upgradeSnapshot(row.machineId, row.machineVersion, row.snapshot));
  }

  private resolveTeam(actor: Actor, teamId: string | undefined): string {
    // Any participant may bring a signal in, chain partners included (domain.md §1).
    return memberTeam(actor, teamId);
  }

  private async parseEvent(body: unknown): Promise<{ event: TrajectoryEvent; expectedVersion?: number }> {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw new ValidationFailedException([
        { code: 'invalid_body', message: 'The body must be a JSON object' },
      ]);
    }
    const { type, expectedVersion, ...payload } = body as Record<string, unknown>;
    const problems = [];
    if (typeof type !== 'string' || !(TRAJECTORY_EVENT_TYPES as readonly string[]).includes(type)) {
      problems.push({
        code: 'invalid_field',
        field: 'type',
        message: `type must be one of: ${TRAJECTORY_EVENT_TYPES.join(', ')}`,
      });
    }
    if (
      expectedVersion !== undefined &&
      !(Number.isInteger(expectedVersion) && (expectedVersion as number) >= 1)
    ) {
      problems.push({
        code: 'invalid_field',
        field: 'expectedVersion',
        message: 'expectedVersion must be a whole number ≥ 1',
      });
    }
    if (problems.length > 0) throw new ValidationFailedException(problems);
    const dto = await validateBody(EVENT_PAYLOAD_DTOS[type as TrajectoryEventType], payload);
    // Re-serialise the validated instance into a plain object: only whitelisted fields reach the machine.
    const event = { type, ...JSON.parse(JSON.stringify(dto)) } as TrajectoryEvent;
    return { event, expectedVersion: expectedVersion as number | undefined };
  }
}

function toHistoryEntry(row: HistoryRow): HistoryEntry {
  return {
    seq: row.seq,
    type: row.type,
    fromStage: row.fromStage,
    toStage: row.toStage,
    at: row.occurredAt.toISOString(),
    by: { userId: row.userId, displayName: row.userDisplayName, party: row.partyKind },
    payload: row.payload,
  };
}
