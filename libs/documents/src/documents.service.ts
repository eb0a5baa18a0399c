import { Injectable } from '@nestjs/common';
import {
  DEADLINE_KIND_LABELS,
  PARTY_LABELS,
  STAGE_LABELS,
  type Blocker,
  type DeadlineFact,
  type DeadlineKind,
  type Party,
  type Stage,
  type TrajectoryContext,
  deadlineBlockers,
  hasThreePartyAgreement,
  restoreSnapshot,
} from '@koers/machines/trajectory';
import {
  type Actor,
  BLOCKER_CATEGORIES,
  ClientAccessRepository,
  DATA_CATEGORIES,
  DATA_CATEGORY_LABELS,
  DEADLINE_CATEGORIES,
  type DataCategory,
} from '@koers/access';
import { Clock, addCalendarMonths, amsterdamDate } from '@koers/clock';
import { DomainErrorCode, DomainException, ForbiddenException, NotFoundException } from '@koers/errors';
import { RecoveryService } from '@koers/recovery';
import { mergeBlockers, upgradeSnapshot } from '@koers/trajectory';
import { type ClientSummaryInput, SUMMARY_LIMITS, type SummaryRecoveryLine } from './client-summary.pdf';
import { type DocumentClientRow, DocumentsRepository } from './documents.repository';
import { CHAIR_LABEL, DEBT_ARRANGEMENT_LABELS, HOUSING_KIND_LABELS } from './documents.labels';
import type { ThreePartyAgreementInput } from './three-party-agreement.pdf';

/**
 * What the three-party agreement shows of the client: who the tenant is, the housing (landlord, care provider,
 * lease start, evaluation) and who administers the finances. Only readers who may see all three make it.
 */
export const AGREEMENT_CATEGORIES = [
  'identity',
  'housing',
  'finances',
] as const satisfies readonly DataCategory[];

/**
 * The categories the summary can show: its sections (trajectory, health, housing, finances) and, through a decision
 * or the next deadline, any other. The access log gets the ones it did show the reader.
 */
export const SUMMARY_CATEGORIES = DATA_CATEGORIES;

export interface Document<T> {
  input: T;
  /** The data categories the document shows this reader (for the access log). */
  categories: DataCategory[];
}

const lifterLabel = (liftedBy: string) =>
  liftedBy === 'chair' ? CHAIR_LABEL : (PARTY_LABELS[liftedBy as Party] ?? liftedBy);

/**
 * The documents people sign or take to the meeting (issue 7 item 5): the three-party agreement from the client's
 * housing data, and a one-page client summary with only what the reader may see.
 */
@Injectable()
export class DocumentsService {
  constructor(
    private readonly repository: DocumentsRepository,
    private readonly access: ClientAccessRepository,
    private readonly recovery: RecoveryService,
    private readonly clock: Clock,
  ) {}

  async threePartyAgreement(actor: Actor, clientId: string): Promise<Document<ThreePartyAgreementInput>> {
    const now = this.clock.now();
    const { row, categories } = await this.client(actor, clientId, now);
    const missing = AGREEMENT_CATEGORIES.filter((c) => !categories.includes(c));
    if (missing.length > 0) {
      throw new ForbiddenException(
        `The three-party agreement shows ${AGREEMENT_CATEGORIES.join(', ')}: your party may not see ${missing.join(', ')} of this client (need-to-know)`,
      );
    }
    const context = this.context(row);
    const agreement = context.housing?.threePartyAgreement ?? null;
    if (!hasThreePartyAgreement(context) || context.housing === null || agreement === null) {
      throw new DomainException(
        DomainErrorCode.EventRefused,
        'No three-party agreement is recorded for this client: record HOUSED with a threePartyAgreement ' +
          '(startDate, landlord, careProvider) first',
        [
          {
            code: 'no_three_party_agreement',
            message:
              'Er is geen driepartijenovereenkomst vastgelegd: leg eerst de woning vast met een driepartijenovereenkomst.',
          },
        ],
      );
    }
    const deadline = await this.repository.evaluationDeadline(row.trajectory_id);
    return {
      categories: [...AGREEMENT_CATEGORIES],
      input: {
        generatedAt: now,
        team: { name: row.team_name, municipality: row.municipality },
        tenant: { displayName: row.display_name, birthDate: row.birth_date },
        housing: {
          kind: context.housing.kind,
          startDate: agreement.startDate.slice(0, 10),
          landlord: agreement.landlord,
          careProvider: agreement.careProvider,
        },
        finances: context.debtArrangement,
        evaluation: deadline
          ? { dueDate: deadline.due_date, running: deadline.status === 'pending' }
          : // Never had its deadline (should not happen): the default of domain.md §3, three months.
            { dueDate: addCalendarMonths(agreement.startDate.slice(0, 10), 3), running: false },
        reference: row.id,
      },
    };
  }

  async summary(actor: Actor, clientId: string): Promise<Document<ClientSummaryInput>> {
    const now = this.clock.now();
    const { row, categories } = await this.client(actor, clientId, now);
    const sees = (c: DataCategory) => categories.includes(c);
    // What the summary showed, for the access log: identity always, the rest as it is added below.
    const shown = new Set<DataCategory>(['identity']);
    const show = <T>(category: DataCategory, value: T): T => {
      shown.add(category);
      return value;
    };
    const context = this.context(row);

    const machine = JSON.parse(row.machine_blockers) as Blocker[];
    const facts = JSON.parse(row.facts) as DeadlineFact[];
    const blockers = mergeBlockers(machine, deadlineBlockers(facts)).filter((b) => {
      const category = (BLOCKER_CATEGORIES as Record<string, DataCategory>)[b.code] ?? 'trajectory';
      return sees(category) && show(category, true);
    });
    const deadlineCategory = (kind: string) =>
      (DEADLINE_CATEGORIES as Record<string, DataCategory>)[kind as DeadlineKind] ?? 'trajectory';
    const next = (await this.repository.pendingDeadlines(row.trajectory_id)).find((d) =>
      sees(deadlineCategory(d.kind)),
    );
    if (next) shown.add(deadlineCategory(next.kind));
    const today = amsterdamDate(now);
    const actions = sees('trajectory') ? show('trajectory', await this.repository.openActions(row.id)) : null;
    const decisions = sees('trajectory')
      ? await this.repository.lastDecisions(
          row.id,
          categories.filter((c) => c !== 'identity'),
          SUMMARY_LIMITS.decisions,
        )
      : null;
    const agreement = hasThreePartyAgreement(context) ? (context.housing?.threePartyAgreement ?? null) : null;
    const evaluation = agreement ? await this.repository.evaluationDeadline(row.trajectory_id) : null;
    const recovery = sees('health') ? show('health', await this.recovery.trendsOf(row.id)) : null;
    for (const decision of decisions ?? []) shown.add(decision.category as DataCategory);
    if (sees('housing')) shown.add('housing');
    if (sees('finances')) shown.add('finances');

    return {
      categories: DATA_CATEGORIES.filter((c) => shown.has(c)),
      input: {
        generatedAt: now,
        reader: {
          displayName: actor.displayName,
          partyLabel: PARTY_LABELS[actor.partyKind as Party] ?? actor.partyKind,
        },
        client: { displayName: row.display_name, teamName: row.team_name },
        visibleLabels: categories.map((c) => DATA_CATEGORY_LABELS[c]),
        stage: {
          label: STAGE_LABELS[row.stage as Stage] ?? row.stage,
          enteredAt: row.stage_entered_at,
          daysInStage: Number(row.days_in_stage),
          closedAt: row.closed_at,
        },
        blockers: blockers.map((b) => ({ message: b.message, liftedBy: lifterLabel(b.liftedBy) })),
        nextDeadline: next
          ? {
              label: DEADLINE_KIND_LABELS[next.kind as DeadlineKind] ?? next.kind,
              dueAt: next.due_at,
              overdue: next.due_at <= now,
            }
          : null,
        actions:
          actions?.map((a) => ({
            description: a.description,
            owner: a.owner_name ?? (a.owner_party_kind ? lifterLabel(a.owner_party_kind) : '—'),
            dueDate: a.due_date,
            overdue: a.due_date < today,
          })) ?? null,
        decisions: decisions?.map((d) => ({ at: d.created_at, text: d.text, reasons: d.reasons })) ?? null,
        housing: sees('housing')
          ? {
              kind: context.housing && hasHome(context) ? HOUSING_KIND_LABELS[context.housing.kind] : null,
              agreement: agreement
                ? {
                    landlord: agreement.landlord,
                    careProvider: agreement.careProvider,
                    startDate: agreement.startDate.slice(0, 10),
                    evaluationDue: evaluation?.status === 'pending' ? evaluation.due_date : null,
                  }
                : null,
            }
          : null,
        finances: sees('finances')
          ? {
              arrangement: context.debtArrangement ? DEBT_ARRANGEMENT_LABELS[context.debtArrangement] : null,
              postalAddressUntil:
                context.postalAddress && context.postalAddress.endedReason === null
                  ? context.postalAddress.validUntil.slice(0, 10)
                  : null,
            }
          : null,
        recovery:
          recovery?.map((trend): SummaryRecoveryLine => ({
            name: trend.name,
            range: trend.totalRange,
            count: trend.count,
            completeCount: trend.completeCount,
            first: trend.first ? { date: trend.first.measuredOn, total: trend.first.totalScore! } : null,
            last: trend.last ? { date: trend.last.measuredOn, total: trend.last.totalScore! } : null,
            change: trend.change,
            threshold: trend.threshold
              ? {
                  atLeast: trend.threshold.atLeast,
                  label: trend.threshold.label,
                  reached: trend.lastAboveThreshold === true,
                }
              : null,
          })) ?? null,
      },
    };
  }

  /** The client if the reader may see it at all (404 otherwise), with what the reader may see of it. */
  private async client(
    actor: Actor,
    clientId: string,
    now: Date,
  ): Promise<{ row: DocumentClientRow; categories: DataCategory[] }> {
    const { categories } = await this.access.assertClientVisible(actor, clientId);
    const row = await this.repository.client(clientId, amsterdamDate(now));
    if (!row || !categories.includes('identity')) throw new NotFoundException('Client');
    return { row, categories };
  }

  private context(row: DocumentClientRow): TrajectoryContext {
    return restoreSnapshot(upgradeSnapshot(row.machine_id, row.machine_version, row.snapshot)).context;
  }
}

/** Housed now: a home is recorded and its agreement was not terminated. */
function hasHome(context: TrajectoryContext): boolean {
  return context.housing !== null && context.housing.lastEvaluation?.outcome !== 'terminate';
}
