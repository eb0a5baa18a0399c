import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { type Actor, ClientAccessRepository, scopeOf } from '@koers/access';
import { amsterdamDate, Clock } from '@koers/clock';
import { SubjectDeadlineWriter } from '@koers/deadlines';
import {
  type DomainErrorDetail,
  ForbiddenException,
  NotFoundException,
  ValidationFailedException,
} from '@koers/errors';
import { inPgTransaction, type SqlQuery } from '@koers/persistence';
import { assertMayWriteBudget, budgetClient, refused, staleVersion } from './budget-access';
import { futureDateProblems } from './budget.rules';
import {
  type ArrangementCore,
  type ArrangementView,
  clientArrangements,
  findArrangement,
  lockArrangement,
} from './conditional-arrangements.repository';
import {
  CancelArrangementDto,
  CreateArrangementDto,
  ReviewArrangementDto,
  UpdateArrangementDto,
} from './dto/conditional-arrangement.dto';

/**
 * Conditional arrangements (issue 7 item 4): conditions, a review date, and the outcome of the review. While open,
 * an arrangement has a `condition_review` deadline (owner: the chair; warning 7 days before, then overdue and on the
 * agenda) that moves with the review date and ends with the review or the cancellation. A review that extends or
 * adjusts may start a follow-up arrangement with the next review date, so the ladder goes on.
 */
@Injectable()
export class ConditionalArrangementsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: ClientAccessRepository,
    private readonly deadlines: SubjectDeadlineWriter,
    private readonly clock: Clock,
  ) {}

  async create(actor: Actor, clientId: string, dto: CreateArrangementDto): Promise<ArrangementView> {
    const now = this.clock.now();
    const problems = futureDateProblems('reviewDate', dto.reviewDate, amsterdamDate(now));
    if (problems.length > 0) throw new ValidationFailedException(problems);
    const id = await this.transaction(async (query) => {
      const client = await budgetClient(this.access, query, actor, clientId, true);
      assertMayWriteBudget(actor, client.teamId, 'make a conditional arrangement');
      if (client.closed) {
        throw refused(
          'trajectory_closed',
          'Het traject van deze cliënt is afgesloten; er kunnen geen afspraken meer bij.',
        );
      }
      const id = await this.insert(query, actor, {
        teamId: client.teamId,
        clientId: client.id,
        trajectoryId: client.trajectoryId,
        conditions: dto.conditions,
        reviewDate: dto.reviewDate,
        followsId: null,
        now,
      });
      if (dto.spendIds) await this.linkSpends(query, id, client.id, dto.spendIds);
      return id;
    });
    return this.view(id);
  }

  async listForClient(actor: Actor, clientId: string): Promise<ArrangementView[]> {
    const query = this.query();
    const client = await budgetClient(this.access, query, actor, clientId);
    return clientArrangements(query, client.id);
  }

  /** Conditions, review date (the deadline moves along) or the spends of an open arrangement. */
  async update(actor: Actor, id: string, dto: UpdateArrangementDto): Promise<ArrangementView> {
    const now = this.clock.now();
    const problems: DomainErrorDetail[] = [];
    if (dto.conditions === undefined && dto.reviewDate === undefined && dto.spendIds === undefined) {
      problems.push({
        code: 'invalid_body',
        message: 'Nothing to change: send at least one of conditions, reviewDate, spendIds',
      });
    }
    if (dto.reviewDate)
      problems.push(...futureDateProblems('reviewDate', dto.reviewDate, amsterdamDate(now)));
    if (problems.length > 0) throw new ValidationFailedException(problems);
    await this.change(actor, id, dto.expectedVersion, async (query, arrangement) => {
      await query(
        `UPDATE conditional_arrangement SET conditions = COALESCE($2, conditions),
                review_date = COALESCE($3::date, review_date), version = version + 1, updated_at = $4
          WHERE id = $1`,
        [id, dto.conditions ?? null, dto.reviewDate ?? null, now],
      );
      if (dto.reviewDate) await this.startReview(query, arrangement, id, dto.reviewDate, now);
      if (dto.spendIds) await this.linkSpends(query, id, arrangement.client_id, dto.spendIds);
    });
    return this.view(id);
  }

  /**
   * The review: outcome and note, who and when; the condition_review deadline ends. With `nextReviewDate` (extend
   * or adjust) a follow-up arrangement starts with the same conditions, or the adjusted ones.
   */
  async review(actor: Actor, id: string, dto: ReviewArrangementDto): Promise<ArrangementView> {
    const now = this.clock.now();
    const problems: DomainErrorDetail[] = [];
    if (dto.outcome === 'stop' && dto.nextReviewDate) {
      problems.push({
        code: 'invalid_field',
        field: 'nextReviewDate',
        message: 'nextReviewDate is for extend or adjust: a stopped arrangement has no next review',
      });
    }
    if (dto.conditions && (dto.outcome !== 'adjust' || !dto.nextReviewDate)) {
      problems.push({
        code: 'invalid_field',
        field: 'conditions',
        message:
          'conditions are the new conditions of an adjusted arrangement: send them with outcome adjust and nextReviewDate',
      });
    }
    if (dto.nextReviewDate) {
      problems.push(...futureDateProblems('nextReviewDate', dto.nextReviewDate, amsterdamDate(now)));
    }
    if (problems.length > 0) throw new ValidationFailedException(problems);
    await this.change(actor, id, dto.expectedVersion, async (query, arrangement) => {
      await query(
        `UPDATE conditional_arrangement SET status = 'reviewed', outcome = $2, outcome_note = $3, reviewed_by = $4,
                reviewed_at = $5, version = version + 1, updated_at = $5
          WHERE id = $1`,
        [id, dto.outcome, dto.note, actor.userId, now],
      );
      await this.deadlines.end(query, 'condition_review', id, now);
      if (dto.nextReviewDate) {
        await this.insert(query, actor, {
          teamId: arrangement.team_id,
          clientId: arrangement.client_id,
          trajectoryId: arrangement.trajectory_id,
          conditions: dto.conditions ?? arrangement.conditions,
          reviewDate: dto.nextReviewDate,
          followsId: id,
          now,
        });
      }
    });
    return this.view(id);
  }

  /** An open arrangement that lapses (e.g. the client moved): its deadline ends; its spends stay as they are. */
  async cancel(actor: Actor, id: string, dto: CancelArrangementDto): Promise<ArrangementView> {
    const now = this.clock.now();
    await this.change(actor, id, dto.expectedVersion, async (query) => {
      await query(
        `UPDATE conditional_arrangement SET status = 'cancelled', cancelled_by = $2, cancelled_at = $3,
                cancel_reason = $4, version = version + 1, updated_at = $3
          WHERE id = $1`,
        [id, actor.userId, now, dto.reason],
      );
      await this.deadlines.end(query, 'condition_review', id, now);
    });
    return this.view(id);
  }

  // ------------------------------------------------------------------------------------------------------

  /**
   * One change of an open arrangement in one transaction: locked, need-to-know (404, 403), who may (the chair and
   * addiction care of its casusoverleg: 403), its version (409), still open (422).
   */
  private async change(
    actor: Actor,
    id: string,
    expectedVersion: number,
    work: (query: SqlQuery, arrangement: ArrangementCore) => Promise<void>,
  ): Promise<void> {
    await this.transaction(async (query) => {
      const arrangement = await lockArrangement(query, id, scopeOf(actor));
      if (!arrangement) throw new NotFoundException('Conditional arrangement');
      const client = await budgetClient(this.access, query, actor, arrangement.client_id);
      if (!client.viaTeam) {
        throw new ForbiddenException('Only participants of the casusoverleg may change its arrangements');
      }
      assertMayWriteBudget(actor, arrangement.team_id, 'change a conditional arrangement');
      if (arrangement.version !== expectedVersion) {
        throw staleVersion('conditional arrangement', expectedVersion, arrangement.version);
      }
      if (arrangement.status !== 'open') {
        throw refused(
          'arrangement_not_open',
          arrangement.status === 'reviewed' ? 'Deze afspraak is al getoetst.' : 'Deze afspraak is vervallen.',
        );
      }
      await work(query, arrangement);
    });
  }

  private async insert(
    query: SqlQuery,
    actor: Actor,
    a: {
      teamId: string;
      clientId: string;
      trajectoryId: string | null;
      conditions: string;
      reviewDate: string;
      followsId: string | null;
      now: Date;
    },
  ): Promise<string> {
    const [row] = await query<{ id: string }>(
      `INSERT INTO conditional_arrangement (team_id, client_id, conditions, review_date, follows_id, created_by,
                                            created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id`,
      [a.teamId, a.clientId, a.conditions, a.reviewDate, a.followsId, actor.userId, a.now],
    );
    await this.deadlines.start(query, {
      teamId: a.teamId,
      trajectoryId: a.trajectoryId,
      kind: 'condition_review',
      subjectId: row.id,
      base: a.reviewDate,
      time: a.now,
    });
    return row.id;
  }

  private async startReview(
    query: SqlQuery,
    arrangement: ArrangementCore,
    id: string,
    reviewDate: string,
    now: Date,
  ): Promise<void> {
    await this.deadlines.start(query, {
      teamId: arrangement.team_id,
      trajectoryId: arrangement.trajectory_id,
      kind: 'condition_review',
      subjectId: id,
      base: reviewDate,
      time: now,
    });
  }

  /**
   * Makes `spendIds` the arrangement's spends: each a spend of the same client that is not rejected or cancelled
   * and belongs to no other open arrangement. Spends left out are released. Linking does not change a spend's
   * version: it is not a decision about the money.
   */
  private async linkSpends(query: SqlQuery, id: string, clientId: string, spendIds: string[]): Promise<void> {
    const ids = spendIds.map((s) => s.toLowerCase());
    const spends = await query<{
      id: string;
      status: string;
      arrangement_id: string | null;
      other_open: boolean;
    }>(
      `SELECT s.id, s.status, s.arrangement_id,
              EXISTS (SELECT 1 FROM conditional_arrangement o WHERE o.id = s.arrangement_id AND o.id <> $3
                         AND o.status = 'open') AS other_open
         FROM spend s WHERE s.id = ANY($1::uuid[]) AND s.client_id = $2 FOR UPDATE OF s`,
      [ids, clientId, id],
    );
    if (spends.length !== ids.length) {
      throw new ValidationFailedException([
        { code: 'invalid_field', field: 'spendIds', message: 'spendIds must name spends of this client' },
      ]);
    }
    if (spends.some((s) => s.status === 'rejected' || s.status === 'cancelled')) {
      throw refused(
        'spend_not_active',
        'Een afgewezen of ingetrokken uitgave hoort niet bij een voorwaardelijke afspraak.',
      );
    }
    if (spends.some((s) => s.other_open)) {
      throw refused('spend_in_other_arrangement', 'Deze uitgave hoort al bij een andere lopende afspraak.');
    }
    await query(
      `UPDATE spend SET arrangement_id = NULL WHERE arrangement_id = $1 AND NOT (id = ANY($2::uuid[]))`,
      [id, ids],
    );
    await query(`UPDATE spend SET arrangement_id = $1 WHERE id = ANY($2::uuid[])`, [id, ids]);
  }

  private async view(id: string): Promise<ArrangementView> {
    return (await findArrangement(this.query(), id))!;
  }

  private query(): SqlQuery {
    return (text, values) => this.dataSource.query(text, values);
  }

  private transaction<T>(work: (query: SqlQuery) => Promise<T>): Promise<T> {
    return inPgTransaction(this.dataSource, work);
  }
}
