import type { EntityManager } from 'typeorm';
import { type Actor, type ClientAccessRepository, type ClientScope, actorFrom } from '@koers/access';
import type { DeadlineContext, DeadlineWriter } from '@koers/deadlines';
import {
  type DeadlineChange,
  type TrajectoryContext,
  TRAJECTORY_MACHINE_VERSION,
  legalBasisKindOf,
} from '@koers/machines/trajectory';
import type { SqlQuery } from '@koers/persistence';
import { ManualClock } from '@koers/clock';
import {
  EventRefusedException,
  NotFoundException,
  StaleVersionException,
  ValidationFailedException,
} from '@koers/errors';
import { NewEventRow, StepColumns, TrajectoryRepository, TrajectoryRow } from './trajectory.repository';
import { TrajectoryService } from './trajectory.service';

/** The generated column `trajectory.legal_basis`: PostgreSQL derives it from the stored snapshot. */
const withLegalBasis = <T extends { snapshot: unknown }>(row: T): T & { legalBasis: string } => ({
  ...row,
  legalBasis: legalBasisKindOf((row.snapshot as { context: TrajectoryContext }).context),
});

/** In-memory stand-in for the repository: the service's rules tested without a database. */
class InMemoryTrajectoryRepository {
  trajectories = new Map<string, TrajectoryRow>();
  events: NewEventRow[] = [];
  private nextId = 1;

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    // Commit only if the work succeeds, like a real transaction.
    const saved = { trajectories: structuredClone([...this.trajectories]), events: [...this.events] };
    return work({} as EntityManager).catch((error: unknown) => {
      this.trajectories = new Map(saved.trajectories);
      this.events = saved.events;
      throw error;
    });
  }
  async insertClient(): Promise<string> {
    return `client-${this.nextId++}`;
  }
  async insertTrajectory(_m: EntityManager, row: Omit<TrajectoryRow, 'id' | 'closedAt'>): Promise<string> {
    const id = `trajectory-${this.nextId++}`;
    this.trajectories.set(row.clientId, withLegalBasis({ ...row, id, closedAt: null }));
    return id;
  }
  async findById(trajectoryId: string): Promise<TrajectoryRow | null> {
    const row = [...this.trajectories.values()].find((r) => r.id === trajectoryId);
    return row ? structuredClone(row) : null;
  }
  async findByClient(clientId: string, scope: ClientScope): Promise<TrajectoryRow | null> {
    const row = this.trajectories.get(clientId);
    return row && (scope.teamIds.includes(row.teamId) || scope.clientIds.includes(clientId))
      ? structuredClone(row)
      : null;
  }
  /** Compare-and-set like the real statement; `beforeSave` lets a test slip a concurrent write in. */
  beforeSave?: () => void;
  async saveStep(
    event: NewEventRow,
    step: StepColumns,
    previousVersion: number,
    _deadlines?: unknown,
  ): Promise<boolean> {
    this.beforeSave?.();
    this.beforeSave = undefined;
    for (const [clientId, row] of this.trajectories) {
      if (row.id !== event.trajectoryId) continue;
      if (row.version !== previousVersion) return false;
      this.trajectories.set(clientId, withLegalBasis({ ...row, ...step, version: event.seq }));
      this.events.push(event);
      return true;
    }
    return false;
  }
  async appendEvent(_m: EntityManager, event: NewEventRow): Promise<void> {
    this.events.push(event);
  }
}

describe('TrajectoryService', () => {
  const actor: Actor = actorFrom({
    userId: 'user-1',
    username: 'care',
    displayName: 'Care',
    partyId: 'party-1',
    partyKind: 'addiction_care',
    role: 'member',
    memberTeamIds: ['team-1'],
    sessionId: 'session-1',
  });
  let repository: InMemoryTrajectoryRepository;
  let clock: ManualClock;
  let service: TrajectoryService;
  let declared: { seq: number; changes: string[] }[];
  let clientId: string;

  beforeEach(async () => {
    repository = new InMemoryTrajectoryRepository();
    clock = new ManualClock(new Date('2026-11-02T10:00:00+01:00'));
    declared = [];
    const record = (context: DeadlineContext, changes: DeadlineChange[]) =>
      declared.push({ seq: context.seq, changes: changes.map((c) => `${c.op}:${c.kind}`) });
    const writer = {
      async apply(_query: SqlQuery, context: DeadlineContext, changes: DeadlineChange[]) {
        record(context, changes);
      },
      plan(context: DeadlineContext, changes: DeadlineChange[]) {
        record(context, changes);
        return { input: '[]', cancelKinds: [] };
      },
    };
    service = new TrajectoryService(
      repository as unknown as TrajectoryRepository,
      clock,
      writer as unknown as DeadlineWriter,
      // Reads by client (getClient, getLegalBasis) are not tested here: they need the database.
      {} as ClientAccessRepository,
    );
    clientId = await service.registerClient(actor, {
      displayName: 'Demo U. Nit',
      signal: { source: 'self', description: 'Meldt zich zelf voor hulp.' },
    });
  });

  const include = {
    type: 'INCLUSION_DECIDED',
    included: true,
    criteria: ['serious_substance_use_disorder', 'resident', 'cannot_find_regular_care'],
    reasons: 'Voldoet aan de criteria van de handreiking.',
  };

  it('opens the trajectory in stage signal with the signal as event 1, sent by the actor', () => {
    expect([...repository.trajectories.values()][0]).toMatchObject({
      stage: 'signal',
      version: 1,
      machineVersion: TRAJECTORY_MACHINE_VERSION,
    });
    expect(repository.events).toEqual([
      expect.objectContaining({
        seq: 1,
        type: 'SIGNAL_REGISTERED',
        userId: 'user-1',
        partyKind: 'addiction_care',
      }),
    ]);
  });

  it('applies an event: next version, new stage entered now, event appended with from and to stage', async () => {
    clock.advance(3 * 86_400_000);
    expect(await service.recordEvent(actor, clientId, { ...include, expectedVersion: 1 })).toMatchObject({
      version: 2,
      stage: 'consent',
      allowedEvents: expect.arrayContaining(['CONSENT_GIVEN']),
    });
    const row = repository.trajectories.get(clientId)!;
    expect(row.stageEnteredAt).toEqual(clock.now());
    expect(repository.events[1]).toMatchObject({
      seq: 2,
      fromStage: 'signal',
      toStage: 'consent',
      payload: { included: true },
    });
    expect(repository.events[1].payload).not.toHaveProperty('type');
  });

  it('keeps the stage entry time for an event that stays in the stage', async () => {
    await service.recordEvent(actor, clientId, include);
    const entered = repository.trajectories.get(clientId)!.stageEnteredAt;
    clock.advance(86_400_000);
    await service.recordEvent(actor, clientId, {
      type: 'CONTACT_LOGGED',
      channel: 'call',
      note: 'Gebeld over het vervolg.',
    });
    expect(repository.trajectories.get(clientId)!.stageEnteredAt).toEqual(entered);
  });

  it('refuses a stale version, a refused event and an invalid payload, changing nothing', async () => {
    const before = structuredClone([...repository.trajectories]);
    await expect(
      service.recordEvent(actor, clientId, { ...include, expectedVersion: 7 }),
    ).rejects.toBeInstanceOf(StaleVersionException);
    await expect(
      service.recordEvent(actor, clientId, { type: 'DISCHARGED', completed: true }),
    ).rejects.toBeInstanceOf(EventRefusedException);
    await expect(service.recordEvent(actor, clientId, { type: 'CONSENT_GIVEN' })).rejects.toBeInstanceOf(
      ValidationFailedException,
    );
    expect([...repository.trajectories]).toEqual(before);
    expect(repository.events).toHaveLength(1);
  });

  it('re-evaluates an event that lost a race, or answers 409 when the sender named the version', async () => {
    // A concurrent writer moves the version on between our read and our write (the real one appends its event too).
    const bump = () => {
      const row = repository.trajectories.get(clientId)!;
      repository.trajectories.set(clientId, { ...row, version: row.version + 1 });
    };
    repository.beforeSave = bump;
    await expect(
      service.recordEvent(actor, clientId, { ...include, expectedVersion: 1 }),
    ).rejects.toBeInstanceOf(StaleVersionException);
    repository.beforeSave = bump;
    const view = await service.recordEvent(actor, clientId, include);
    expect(view.version).toBe(4);
    expect(repository.events.map((e) => e.seq)).toEqual([1, 4]);
  });

  it("writes the deadlines a step declares with that step: the signal's decision, then consent", async () => {
    await service.recordEvent(actor, clientId, include);
    expect(declared).toEqual([
      { seq: 1, changes: ['start:inclusion_decision'] },
      { seq: 2, changes: expect.arrayContaining(['cancel:inclusion_decision', 'start:consent']) },
    ]);
  });

  it('records a system event without a sender, and ignores one the trajectory does not accept', async () => {
    const trajectoryId = repository.trajectories.get(clientId)!.id;
    const reached = {
      type: 'DEADLINE_REACHED',
      deadlineId: 'deadline-1',
      kind: 'postal_address_expiry',
    } as const;
    // In stage signal there is no postal address to expire: a no-op, not an error.
    expect(await service.recordSystemEvent(trajectoryId, reached)).toBeNull();
    expect(repository.events).toHaveLength(1);
    expect(await service.recordSystemEvent('trajectory-unknown', reached)).toBeNull();
  });

  it('does not accept a system event from a user', async () => {
    await expect(
      service.recordEvent(actor, clientId, { type: 'DEADLINE_REACHED', deadlineId: 'x', kind: 'consent' }),
    ).rejects.toBeInstanceOf(ValidationFailedException);
  });

  it('does not reveal clients of other teams', async () => {
    await expect(
      service.recordEvent({ ...actor, teamIds: ['team-2'] }, clientId, include),
    ).rejects.toBeInstanceOf(NotFoundException);
  });

  it('sets closedAt when the trajectory closes', async () => {
    await service.recordEvent(actor, clientId, {
      type: 'TRAJECTORY_CLOSED',
      reason: 'dropped_out',
      stillUsing: 'unknown',
    });
    expect(repository.trajectories.get(clientId)).toMatchObject({ stage: 'closed', closedAt: clock.now() });
  });

  it('asks for a team when the user takes part in several', async () => {
    const several = { ...actor, teamIds: ['team-1', 'team-2'], memberTeamIds: ['team-1', 'team-2'] };
    const dto = {
      displayName: 'Demo V. Twee',
      signal: { source: 'police', description: 'Overlast gemeld door buren.' },
    };
    await expect(service.registerClient(several, dto)).rejects.toBeInstanceOf(ValidationFailedException);
    await expect(service.registerClient(several, { ...dto, teamId: 'team-3' })).rejects.toBeInstanceOf(
      NotFoundException,
    );
    await expect(service.registerClient(several, { ...dto, teamId: 'team-2' })).resolves.toEqual(
      expect.any(String),
    );
  });
});
