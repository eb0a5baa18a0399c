import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { type Actor, ClientAccessRepository, type DataCategory } from '@koers/access';
import { Clock, amsterdamDate } from '@koers/clock';
import { ForbiddenException, NotFoundException, ValidationFailedException } from '@koers/errors';
import { inPgTransaction, type SqlQuery } from '@koers/persistence';
import {
  type Answers,
  type InstrumentTrend,
  answerProblems,
  meetsThreshold,
  scoreMeasurement,
  trendOf,
} from './instrument-scoring';
import { INSTRUMENTS, type InstrumentDefinition, instrumentById } from './instruments';
import {
  CorrectMeasurementDto,
  DeleteMeasurementDto,
  RecordMeasurementDto,
} from './dto/recovery-measurement.dto';
import { parseMeasuredAt } from './measured-at';
import { type ChangeRow, type MeasurementRow, RecoveryQueries } from './recovery.repository';

/** The data category of everything recovery monitoring stores (need-to-know, domain.md §8). */
export const RECOVERY_CATEGORY: DataCategory = 'health';

export interface PersonView {
  userId: string;
  displayName: string;
  partyKind: string;
}

/** A measurement as it was before a correction or deletion. */
export interface PreviousMeasurement {
  instrumentId: string;
  measuredAt: string;
  answers: Record<string, number>;
  extraScores: Record<string, number>;
  totalScore: number | null;
}

export interface MeasurementChangeView {
  id: string;
  measurementId: string;
  action: 'corrected' | 'deleted';
  reason: string;
  changedAt: string;
  changedBy: PersonView;
  previous: PreviousMeasurement;
}

export interface MeasurementView {
  id: string;
  clientId: string;
  instrumentId: string;
  instrumentName: string;
  instrumentVersion: number;
  /** ISO instant; a measurement given as a date is 00:00 Amsterdam time of that date. */
  measuredAt: string;
  /** The Amsterdam calendar date of measuredAt. */
  measuredOn: string;
  /** Item id → answer, in the instrument's order; unanswered items are absent. */
  answers: Record<string, number>;
  extraScores: Record<string, number>;
  answeredItems: number;
  itemCount: number;
  /** Every item answered: the total counts. */
  complete: boolean;
  totalScore: number | null;
  /** Against the instrument's threshold (BARC-10: 47 or more); null without a total or threshold. */
  aboveThreshold: boolean | null;
  recordedBy: PersonView;
  recordedAt: string;
  correctedAt: string | null;
  /** Its corrections, oldest first. */
  corrections: MeasurementChangeView[];
}

export interface TrendPointView {
  measurementId: string;
  measuredAt: string;
  measuredOn: string;
  totalScore: number | null;
  extraScores: Record<string, number>;
}

export interface InstrumentTrendView extends Omit<InstrumentTrend, 'first' | 'last'> {
  instrumentId: string;
  name: string;
  totalRange: { min: number; max: number };
  threshold: { atLeast: number; label: string; description: string } | null;
  first: TrendPointView | null;
  last: TrendPointView | null;
  /** Every measurement, oldest first (incomplete ones with totalScore null). */
  points: TrendPointView[];
}

export interface ClientRecoveryView {
  clientId: string;
  /** One per instrument Koers knows, also without measurements. */
  instruments: InstrumentTrendView[];
  /** Newest first. */
  measurements: MeasurementView[];
  /** Measurements that were deleted: their last state, with the reason. */
  deletions: MeasurementChangeView[];
}

export interface MeasurementDeletedView {
  measurementId: string;
  clientId: string;
  action: 'deleted';
  changedAt: string;
}

const ordered = (
  definition: InstrumentDefinition,
  answers: Record<string, unknown>,
): Record<string, number> =>
  Object.fromEntries(
    definition.items
      .filter((item) => Object.hasOwn(answers, item.id))
      .map((item) => [item.id, answers[item.id] as number]),
  );

const orderedExtra = (
  definition: InstrumentDefinition,
  scores: Record<string, unknown>,
): Record<string, number> =>
  Object.fromEntries(
    definition.extraScales
      .filter((s) => Object.hasOwn(scores, s.id))
      .map((s) => [s.id, scores[s.id] as number]),
  );

/**
 * Recovery monitoring (issue 7 item 2): measurements of an instrument per client, validated against its
 * definition; the trend per instrument. Health data: only readers who may see the client's health category read or
 * write them (403 for others who see the client, 404 when the client is out of reach). A measurement is corrected
 * or deleted by the chair of the client's casusoverleg or by whoever recorded it, with a reason kept beside the
 * earlier values.
 */
@Injectable()
export class RecoveryService {
  private readonly logger = new Logger('Recovery');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: ClientAccessRepository,
    private readonly clock: Clock,
  ) {}

  private readonly read: SqlQuery = (text, values) => this.dataSource.query(text, values);

  async record(actor: Actor, clientId: string, body: RecordMeasurementDto): Promise<MeasurementView> {
    const definition = instrumentById(body.instrumentId)!;
    const now = this.clock.now();
    const measuredAt = this.validate(definition, body.measuredAt, body.answers, body.extraScores, now);
    const answers = ordered(definition, body.answers);
    const extraScores = orderedExtra(definition, body.extraScores ?? {});
    const score = scoreMeasurement(definition, answers);
    const id = await inPgTransaction(this.dataSource, async (query) => {
      const { teamId } = await this.healthScope(query, actor, clientId, true);
      const [row] = await query<{ id: string }>(
        `INSERT INTO recovery_measurement (client_id, team_id, instrument_id, instrument_version, measured_at,
                                           measured_on_date, answers, extra_scores, total_score, recorded_by,
                                           recorded_party_kind, recorded_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
        [
          clientId,
          teamId,
          definition.id,
          definition.version,
          measuredAt.instant,
          measuredAt.dateOnly,
          JSON.stringify(answers),
          JSON.stringify(extraScores),
          score.total,
          actor.userId,
          actor.partyKind,
          now,
        ],
      );
      return row.id;
    });
    return this.one(clientId, id);
  }

  async list(actor: Actor, clientId: string): Promise<ClientRecoveryView> {
    await this.healthScope(this.read, actor, clientId, false);
    const [rows, changes] = [
      await RecoveryQueries.measurements(this.read, clientId),
      await RecoveryQueries.changes(this.read, clientId),
    ];
    return {
      clientId,
      instruments: trendViews(rows),
      measurements: rows.map((row) => toView(row, changes)),
      deletions: changes.filter((c) => c.action === 'deleted').map(toChangeView),
    };
  }

  /**
   * The trend per instrument of one client, for the documents (the caller has checked that the reader may see
   * the client's health data).
   */
  async trendsOf(clientId: string): Promise<InstrumentTrendView[]> {
    return trendViews(await RecoveryQueries.measurements(this.read, clientId));
  }

  async correct(
    actor: Actor,
    clientId: string,
    measurementId: string,
    body: CorrectMeasurementDto,
  ): Promise<MeasurementView> {
    const now = this.clock.now();
    await inPgTransaction(this.dataSource, async (query) => {
      const { teamId } = await this.healthScope(query, actor, clientId, true);
      const current = await this.changeable(query, actor, teamId, clientId, measurementId);
      const definition = instrumentById(current.instrument_id)!;
      const measuredAt = this.validate(
        definition,
        body.measuredAt ?? null,
        body.answers,
        body.extraScores,
        now,
      );
      const answers = ordered(definition, body.answers);
      const extraScores =
        body.extraScores === undefined ? current.extra_scores : orderedExtra(definition, body.extraScores);
      const score = scoreMeasurement(definition, answers);
      await this.recordChange(query, actor, current, 'corrected', body.reason, now);
      await query(
        `UPDATE recovery_measurement
            SET measured_at = $2, measured_on_date = $3, answers = $4, extra_scores = $5, total_score = $6,
                instrument_version = $7, corrected_at = $8, corrected_by = $9
          WHERE id = $1`,
        [
          measurementId,
          measuredAt ? measuredAt.instant : current.measured_at,
          measuredAt ? measuredAt.dateOnly : current.measured_on_date,
          JSON.stringify(answers),
          JSON.stringify(extraScores),
          score.total,
          definition.version,
          now,
          actor.userId,
        ],
      );
    });
    return this.one(clientId, measurementId);
  }

  async delete(
    actor: Actor,
    clientId: string,
    measurementId: string,
    body: DeleteMeasurementDto,
  ): Promise<MeasurementDeletedView> {
    const now = this.clock.now();
    await inPgTransaction(this.dataSource, async (query) => {
      const { teamId } = await this.healthScope(query, actor, clientId, true);
      const current = await this.changeable(query, actor, teamId, clientId, measurementId);
      await this.recordChange(query, actor, current, 'deleted', body.reason, now);
      await query(`DELETE FROM recovery_measurement WHERE id = $1`, [measurementId]);
    });
    this.logger.log(`recovery measurement ${measurementId} deleted`);
    return { measurementId, clientId, action: 'deleted', changedAt: now.toISOString() };
  }

  /** Validates date and answers (400 naming each bad field); the parsed date, or null when none was given. */
  private validate(
    definition: InstrumentDefinition,
    measuredAt: string,
    answers: unknown,
    extraScores: unknown,
    now: Date,
  ): { instant: Date; dateOnly: boolean };
  private validate(
    definition: InstrumentDefinition,
    measuredAt: string | null,
    answers: unknown,
    extraScores: unknown,
    now: Date,
  ): { instant: Date; dateOnly: boolean } | null;
  private validate(
    definition: InstrumentDefinition,
    measuredAt: string | null,
    answers: unknown,
    extraScores: unknown,
    now: Date,
  ): { instant: Date; dateOnly: boolean } | null {
    const problems: { code: string; field: string; message: string }[] = [];
    const parsed = measuredAt === null ? null : parseMeasuredAt(measuredAt, now);
    if (parsed && !parsed.ok)
      problems.push({ code: 'invalid_field', field: 'measuredAt', message: parsed.message });
    problems.push(...answerProblems(definition, answers, extraScores));
    if (problems.length > 0) throw new ValidationFailedException(problems);
    return parsed && parsed.ok ? { instant: parsed.instant, dateOnly: parsed.dateOnly } : null;
  }

  /** The measurement, if the actor may change it: the chair of the client's casusoverleg, or its recorder. */
  private async changeable(
    query: SqlQuery,
    actor: Actor,
    teamId: string,
    clientId: string,
    measurementId: string,
  ): Promise<MeasurementRow> {
    const current = await RecoveryQueries.measurement(query, clientId, measurementId, true);
    if (!current) throw new NotFoundException('Measurement');
    const chair = actor.role === 'chair' && actor.teamIds.includes(teamId);
    if (!chair && current.recorded_by !== actor.userId) {
      throw new ForbiddenException(
        "Only the chair of the client's casusoverleg or whoever recorded the measurement may correct or delete it",
      );
    }
    return current;
  }

  private async recordChange(
    query: SqlQuery,
    actor: Actor,
    current: MeasurementRow,
    action: 'corrected' | 'deleted',
    reason: string,
    now: Date,
  ): Promise<void> {
    const previous: PreviousMeasurement = {
      instrumentId: current.instrument_id,
      measuredAt: current.measured_at.toISOString(),
      answers: current.answers,
      extraScores: current.extra_scores,
      totalScore: current.total_score,
    };
    await query(
      `INSERT INTO recovery_measurement_change (measurement_id, client_id, action, reason, previous, changed_by,
                                                changed_party_kind, changed_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        current.id,
        current.client_id,
        action,
        reason,
        JSON.stringify(previous),
        actor.userId,
        actor.partyKind,
        now,
      ],
    );
  }

  private async one(clientId: string, id: string): Promise<MeasurementView> {
    const row = await RecoveryQueries.measurement(this.read, clientId, id, false);
    if (!row) throw new NotFoundException('Measurement');
    const changes = (await RecoveryQueries.changes(this.read, clientId)).filter(
      (c) => c.measurement_id === id,
    );
    return toView(row, changes);
  }

  /**
   * The client's casusoverleg, if the client is within the actor's reach (else 404, as if it did not exist) and
   * the actor may see its health data (else 403).
   */
  private async healthScope(
    query: SqlQuery,
    actor: Actor,
    clientId: string,
    lock: boolean,
  ): Promise<{ teamId: string }> {
    // FOR KEY SHARE (lock): the client cannot be deleted or moved while its measurement is written.
    const client = await this.access.assertClientVisible(actor, clientId, { query, lock });
    if (!client.categories.includes(RECOVERY_CATEGORY)) {
      throw new ForbiddenException(
        'Recovery measurements are health data: your party may not see them (need-to-know)',
      );
    }
    return { teamId: client.teamId };
  }
}

const person = (userId: string, displayName: string, partyKind: string): PersonView => ({
  userId,
  displayName,
  partyKind,
});

function toChangeView(row: ChangeRow): MeasurementChangeView {
  return {
    id: row.id,
    measurementId: row.measurement_id,
    action: row.action,
    reason: row.reason,
    changedAt: row.changed_at.toISOString(),
    changedBy: person(row.changed_by, row.changer_name, row.changed_party_kind),
    previous: row.previous as unknown as PreviousMeasurement,
  };
}

function toView(row: MeasurementRow, changes: ChangeRow[]): MeasurementView {
  const definition = instrumentById(row.instrument_id)!;
  const score = scoreMeasurement(definition, row.answers as Answers);
  return {
    id: row.id,
    clientId: row.client_id,
    instrumentId: definition.id,
    instrumentName: definition.name,
    instrumentVersion: row.instrument_version,
    measuredAt: row.measured_at.toISOString(),
    measuredOn: amsterdamDate(row.measured_at),
    answers: ordered(definition, row.answers),
    extraScores: orderedExtra(definition, row.extra_scores),
    answeredItems: score.answered,
    itemCount: score.itemCount,
    complete: row.total_score !== null,
    totalScore: row.total_score,
    aboveThreshold: meetsThreshold(definition, row.total_score),
    recordedBy: person(row.recorded_by, row.recorder_name, row.recorded_party_kind),
    recordedAt: row.recorded_at.toISOString(),
    correctedAt: row.corrected_at ? row.corrected_at.toISOString() : null,
    corrections: changes
      .filter((c) => c.measurement_id === row.id && c.action === 'corrected')
      .map(toChangeView),
  };
}

const pointOf = (row: MeasurementRow): TrendPointView => ({
  measurementId: row.id,
  measuredAt: row.measured_at.toISOString(),
  measuredOn: amsterdamDate(row.measured_at),
  totalScore: row.total_score,
  extraScores: row.extra_scores,
});

/** The trend of every instrument from a client's measurements (any order). */
export function trendViews(rows: readonly MeasurementRow[]): InstrumentTrendView[] {
  return Object.values(INSTRUMENTS).map((definition: InstrumentDefinition) => {
    const points = rows
      .filter((row) => row.instrument_id === definition.id)
      .map(pointOf)
      .sort(
        (a, b) => a.measuredAt.localeCompare(b.measuredAt) || a.measurementId.localeCompare(b.measurementId),
      );
    const trend = trendOf(definition, points);
    const byId = new Map(points.map((p) => [p.measurementId, p]));
    return {
      instrumentId: definition.id,
      name: definition.name,
      totalRange: definition.scoring.range,
      threshold: definition.threshold
        ? {
            atLeast: definition.threshold.atLeast,
            label: definition.threshold.label,
            description: definition.threshold.description,
          }
        : null,
      ...trend,
      first: trend.first ? byId.get(trend.first.measurementId)! : null,
      last: trend.last ? byId.get(trend.last.measurementId)! : null,
      points,
    };
  });
}
