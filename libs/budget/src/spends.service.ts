import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { type Actor, ClientAccessRepository, scopeOf } from '@koers/access';
import { amsterdamDate, Clock } from '@koers/clock';
import { SubjectDeadlineWriter } from '@koers/deadlines';
import { ForbiddenException, NotFoundException, ValidationFailedException } from '@koers/errors';
import { inPgTransaction, type SqlQuery } from '@koers/persistence';
import {
  assertChair,
  assertMayWriteBudget,
  budgetClient,
  isChairOf,
  lockBudgetYear,
  refused,
  staleVersion,
} from './budget-access';
import {
  type BudgetPosition,
  approvalRefusal,
  euros,
  repaymentStatusFor,
  spendRequestProblems,
} from './budget.rules';
import type { SpendCategory, SpendKind } from './budget.labels';
import { ApproveSpendDto, RecordRepaymentDto, RequestSpendDto, SpendReasonDto } from './dto/spend.dto';
import { type SpendCore, type SpendView, clientSpends, findSpend, spendCore } from './spends.repository';

/**
 * Spends from the casusoverleg's budget (issue 7 item 3). Each change is one transaction: the spend row is locked,
 * its `expectedVersion` checked (stale → 409), the change and the `urgent_payment` deadline written together. An
 * urgent spend's deadline (owner: the chair, the budget holder) starts with the request and ends with the
 * approval, the rejection or the cancellation.
 */
@Injectable()
export class SpendsService {
  private readonly logger = new Logger('Budget');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: ClientAccessRepository,
    private readonly deadlines: SubjectDeadlineWriter,
    private readonly clock: Clock,
  ) {}

  async request(actor: Actor, clientId: string, dto: RequestSpendDto): Promise<SpendView> {
    const now = this.clock.now();
    const today = amsterdamDate(now);
    const problems = spendRequestProblems(
      { kind: dto.kind as SpendKind, conditions: dto.conditions, urgent: dto.urgent, neededBy: dto.neededBy },
      today,
    );
    if (problems.length > 0) throw new ValidationFailedException(problems);
    const id = await this.transaction(async (query) => {
      const client = await budgetClient(this.access, query, actor, clientId, true);
      assertMayWriteBudget(actor, client.teamId, 'request a spend');
      if (client.closed) {
        throw refused(
          'trajectory_closed',
          'Het traject van deze cliënt is afgesloten; er kunnen geen uitgaven meer worden aangevraagd.',
        );
      }
      if (dto.arrangementId) await this.assertOpenArrangement(query, client.id, dto.arrangementId);
      const [row] = await query<{ id: string }>(
        `INSERT INTO spend (team_id, client_id, budget_year, category, amount_cents, kind, description, conditions,
                            urgent, needed_by, arrangement_id, requested_by, requested_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13) RETURNING id`,
        [
          client.teamId,
          client.id,
          Number(today.slice(0, 4)),
          dto.category as SpendCategory,
          dto.amountCents,
          dto.kind,
          dto.description,
          dto.conditions ?? null,
          dto.urgent === true,
          dto.neededBy ?? null,
          dto.arrangementId?.toLowerCase() ?? null,
          actor.userId,
          now,
        ],
      );
      if (dto.urgent && dto.neededBy) {
        await this.deadlines.start(query, {
          teamId: client.teamId,
          trajectoryId: client.trajectoryId,
          kind: 'urgent_payment',
          subjectId: row.id,
          base: dto.neededBy,
          time: now,
        });
      }
      return row.id;
    });
    if (dto.urgent) this.logger.log(`urgent spend ${id} requested: urgent_payment deadline started`);
    return this.view(id);
  }

  async listForClient(actor: Actor, clientId: string): Promise<SpendView[]> {
    const query = this.query();
    const client = await budgetClient(this.access, query, actor, clientId);
    return clientSpends(query, client.id);
  }

  async get(actor: Actor, id: string): Promise<SpendView> {
    const query = this.query();
    // The same reach as the client's: out of reach is as if it did not exist.
    const core = await spendCore(query, id, scopeOf(actor), false);
    if (!core) throw new NotFoundException('Spend');
    await budgetClient(this.access, query, actor, core.client_id);
    return (await findSpend(query, id))!;
  }

  /**
   * The chair approves: recorded with who and when. Within the year's remaining budget, or beyond it with an
   * explicit overBudgetReason (422 without one). An approved loan starts with repayment status `open`.
   */
  async approve(actor: Actor, id: string, dto: ApproveSpendDto): Promise<SpendView> {
    await this.decide(actor, id, dto.expectedVersion, 'approve', async (query, spend, now) => {
      await lockBudgetYear(query, spend.team_id, spend.budget_year);
      const position = await this.position(query, spend.team_id, spend.budget_year);
      const refusal = approvalRefusal(
        position,
        Number(spend.amount_cents),
        spend.budget_year,
        dto.overBudgetReason,
      );
      if (refusal) throw refused(refusal.code, refusal.message);
      await query(
        `UPDATE spend SET status = 'approved', approved_by = $2, approved_at = $3, decision_reason = $4,
                over_budget_reason = $5, repayment_status = CASE WHEN kind = 'loan' THEN 'open' END,
                version = version + 1, updated_at = $3
          WHERE id = $1`,
        [id, actor.userId, now, dto.note ?? null, dto.overBudgetReason ?? null],
      );
    });
    return this.view(id);
  }

  /** The chair rejects, with a reason; recorded with who and when like an approval. */
  async reject(actor: Actor, id: string, dto: SpendReasonDto): Promise<SpendView> {
    await this.decide(actor, id, dto.expectedVersion, 'reject', async (query, _spend, now) => {
      await query(
        `UPDATE spend SET status = 'rejected', approved_by = $2, approved_at = $3, decision_reason = $4,
                version = version + 1, updated_at = $3
          WHERE id = $1`,
        [id, actor.userId, now, dto.reason],
      );
    });
    return this.view(id);
  }

  /** Withdraws a request that is not decided yet: the chair, or whoever requested it. */
  async cancel(actor: Actor, id: string, dto: SpendReasonDto): Promise<SpendView> {
    const authorize = (spend: SpendCore) => {
      if (!isChairOf(actor, spend.team_id) && spend.requested_by !== actor.userId) {
        throw new ForbiddenException('Only the chair or the requester may cancel a spend');
      }
    };
    await this.change(actor, id, dto.expectedVersion, authorize, async (query, spend, now) => {
      this.assertRequested(spend);
      await query(
        `UPDATE spend SET status = 'cancelled', cancelled_by = $2, cancelled_at = $3, cancel_reason = $4,
                version = version + 1, updated_at = $3
          WHERE id = $1`,
        [id, actor.userId, now, dto.reason],
      );
      if (spend.urgent) await this.deadlines.end(query, 'urgent_payment', id, now);
    });
    return this.view(id);
  }

  /** A repayment on an approved loan; the repayment status follows (open → repaying → repaid). */
  async recordRepayment(actor: Actor, id: string, dto: RecordRepaymentDto): Promise<SpendView> {
    if (dto.paidOn > amsterdamDate(this.clock.now())) {
      throw new ValidationFailedException([
        { code: 'invalid_field', field: 'paidOn', message: 'paidOn lies in the future' },
      ]);
    }
    const authorize = (spend: SpendCore) => assertMayWriteBudget(actor, spend.team_id, 'record a repayment');
    await this.change(actor, id, dto.expectedVersion, authorize, async (query, spend, now) => {
      const amount = Number(spend.amount_cents);
      this.assertRepayable(spend);
      if (spend.approved_on && dto.paidOn < spend.approved_on) {
        throw new ValidationFailedException([
          { code: 'invalid_field', field: 'paidOn', message: 'paidOn lies before the loan was approved' },
        ]);
      }
      const repaid = await this.repaidOn(query, id);
      if (repaid + dto.amountCents > amount) {
        throw refused(
          'repayment_exceeds_loan',
          `Deze terugbetaling is meer dan er nog openstaat op de lening (${euros(amount - repaid)}).`,
        );
      }
      await query(
        `INSERT INTO loan_repayment (spend_id, amount_cents, paid_on, recorded_by, recorded_at)
         VALUES ($1, $2, $3, $4, $5)`,
        [id, dto.amountCents, dto.paidOn, actor.userId, now],
      );
      await query(
        `UPDATE spend SET repayment_status = $2, version = version + 1, updated_at = $3 WHERE id = $1`,
        [id, repaymentStatusFor(amount, repaid + dto.amountCents), now],
      );
    });
    return this.view(id);
  }

  /** The chair writes off what is still owed on a loan, with a reason. */
  async writeOff(actor: Actor, id: string, dto: SpendReasonDto): Promise<SpendView> {
    const authorize = (spend: SpendCore) => assertChair(actor, spend.team_id, 'write off a loan');
    await this.change(actor, id, dto.expectedVersion, authorize, async (query, spend, now) => {
      this.assertRepayable(spend);
      await query(
        `UPDATE spend SET repayment_status = 'written_off', written_off_by = $2, written_off_at = $3,
                write_off_reason = $4, version = version + 1, updated_at = $3
          WHERE id = $1`,
        [id, actor.userId, now, dto.reason],
      );
    });
    return this.view(id);
  }

  // ------------------------------------------------------------------------------------------------------

  /** Approve or reject: the chair, a spend still requested; the urgent_payment deadline ends with the decision. */
  private decide(
    actor: Actor,
    id: string,
    expectedVersion: number,
    what: 'approve' | 'reject',
    work: (query: SqlQuery, spend: SpendCore, now: Date) => Promise<void>,
  ): Promise<void> {
    return this.change(
      actor,
      id,
      expectedVersion,
      (spend) => assertChair(actor, spend.team_id, `${what} a spend`),
      async (query, spend, now) => {
        this.assertRequested(spend);
        await work(query, spend, now);
        if (spend.urgent) await this.deadlines.end(query, 'urgent_payment', id, now);
      },
    );
  }

  /**
   * One change of a spend in one transaction: the row locked, need-to-know checked (404 out of reach, 403 without
   * the budget category or through an invitation only), `authorize` says whether this actor may (403), then the
   * version is checked (409), then `work` checks the spend's state (422) and writes.
   */
  private async change(
    actor: Actor,
    id: string,
    expectedVersion: number,
    authorize: (spend: SpendCore) => void,
    work: (query: SqlQuery, spend: SpendCore, now: Date) => Promise<void>,
  ): Promise<void> {
    await this.transaction(async (query) => {
      const spend = await spendCore(query, id, scopeOf(actor), true);
      if (!spend) throw new NotFoundException('Spend');
      const client = await budgetClient(this.access, query, actor, spend.client_id);
      if (!client.viaTeam) {
        throw new ForbiddenException('Only participants of the casusoverleg may change its spends');
      }
      authorize(spend);
      if (spend.version !== expectedVersion) throw staleVersion('spend', expectedVersion, spend.version);
      await work(query, spend, this.clock.now());
    });
  }

  private assertRequested(spend: SpendCore): void {
    if (spend.status !== 'requested') {
      throw refused(
        'spend_decided',
        spend.status === 'cancelled' ? 'Deze aanvraag is ingetrokken.' : 'Over deze aanvraag is al besloten.',
      );
    }
  }

  private assertRepayable(spend: SpendCore): void {
    if (spend.kind !== 'loan' || spend.status !== 'approved') {
      throw refused('not_an_approved_loan', 'Alleen op een goedgekeurde lening kan worden terugbetaald.');
    }
    if (spend.repayment_status === 'written_off') {
      throw refused('loan_written_off', 'Deze lening is kwijtgescholden.');
    }
    if (spend.repayment_status === 'repaid') {
      throw refused('loan_repaid', 'Deze lening is al helemaal terugbetaald.');
    }
  }

  private async assertOpenArrangement(
    query: SqlQuery,
    clientId: string,
    arrangementId: string,
  ): Promise<void> {
    const [arrangement] = await query<{ status: string }>(
      `SELECT status FROM conditional_arrangement WHERE id = $1 AND client_id = $2`,
      [arrangementId, clientId],
    );
    if (!arrangement) {
      throw new ValidationFailedException([
        {
          code: 'invalid_field',
          field: 'arrangementId',
          message: 'arrangementId must name a conditional arrangement of this client',
        },
      ]);
    }
    if (arrangement.status !== 'open') {
      throw refused('arrangement_not_open', 'Deze voorwaardelijke afspraak loopt niet meer.');
    }
  }

  /** The yearly budget and what was approved and repaid against it. */
  private async position(query: SqlQuery, teamId: string, year: number): Promise<BudgetPosition> {
    const [row] = await query<{ budget: string | null; approved: string; repaid: string }>(
      `SELECT (SELECT amount_cents FROM team_budget WHERE team_id = $1 AND year = $2) AS budget,
              (SELECT COALESCE(sum(amount_cents), 0) FROM spend
                WHERE team_id = $1 AND budget_year = $2 AND status = 'approved') AS approved,
              (SELECT COALESCE(sum(r.amount_cents), 0) FROM loan_repayment r JOIN spend l ON l.id = r.spend_id
                WHERE l.team_id = $1 AND l.budget_year = $2 AND l.status = 'approved') AS repaid`,
      [teamId, year],
    );
    return {
      budgetCents: row.budget === null ? null : Number(row.budget),
      approvedCents: Number(row.approved),
      repaidCents: Number(row.repaid),
    };
  }

  private async repaidOn(query: SqlQuery, spendId: string): Promise<number> {
    const [row] = await query<{ repaid: string }>(
      `SELECT COALESCE(sum(amount_cents), 0) AS repaid FROM loan_repayment WHERE spend_id = $1`,
      [spendId],
    );
    return Number(row.repaid);
  }

  private async view(id: string): Promise<SpendView> {
    return (await findSpend(this.query(), id))!;
  }

  private query(): SqlQuery {
    return (text, values) => this.dataSource.query(text, values);
  }

  private transaction<T>(work: (query: SqlQuery) => Promise<T>): Promise<T> {
    return inPgTransaction(this.dataSource, work);
  }
}
