import { Injectable } from '@nestjs/common';
import { DEADLINE_KINDS } from '@koers/machines/trajectory';
import type { Actor } from '@koers/access';
import { Clock, amsterdamDate } from '@koers/clock';
import { ForbiddenException, NotFoundException, ValidationFailedException } from '@koers/errors';
import { type Audience, buildExportDocument } from './export/report-export';
import { renderCsv } from './export/report-csv';
import { renderXlsx } from './export/report-xlsx';
import { DrilldownQueryDto, type ExportFormat, ReportQueryDto } from './dto/report-query.dto';
import { type ReportAccess, reportAccessOf } from './report-access';
import { figureCategory, parseFigure } from './report-figures';
import {
  BARC10_REMISSION_THRESHOLD,
  DEADLINE_KIND_LABELS,
  OPEN_STAGES,
  OUTFLOW_REASONS,
  OUTFLOW_REASON_LABELS,
  RECOVERY_INSTRUMENTS,
  RECOVERY_INSTRUMENT_LABELS,
  SIGNAL_SOURCES,
  SOURCE_LABELS,
  SPEND_CATEGORY_LABELS,
  STAGE_LABELS,
  labelOf,
} from './report.labels';
import { type ReportPeriod, oneDecimal, quartileDays, resolvePeriod, secondsToDays } from './report-period';
import {
  type QuartilesSql,
  ReportRepository,
  type ReportWindow,
  type SpendingSql,
  type StageSql,
} from './report.repository';
import type { DrilldownResult, DurationStats, FlowReport, ReportTeam } from './report.types';

/** Most ids one drilldown answers (its `count` is the full number). */
export const DRILLDOWN_LIMIT = 5000;

export interface ReportFile {
  body: Buffer;
  contentType: string;
  filename: string;
}

/** Known ids first, in their own order; ids the code does not know (yet) after them, alphabetically. */
function inOrder<T>(rows: T[], key: (row: T) => string, order: readonly string[]): T[] {
  const rank = (id: string) => {
    const i = order.indexOf(id);
    return i === -1 ? order.length : i;
  };
  return [...rows].sort((a, b) => rank(key(a)) - rank(key(b)) || key(a).localeCompare(key(b)));
}

function durationStats(row: QuartilesSql | undefined): DurationStats {
  return {
    count: row?.count ?? 0,
    ...quartileDays(row?.q),
    meanDays: secondsToDays(row?.mean),
  };
}

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

/**
 * In- and outflow reporting (issue 7, domain.md §7): aggregates over the projection that the trajectory_event
 * trigger keeps (report_trajectory_fact, report_stage_interval), plus deadlines, spends and recovery
 * measurements, for one team, a municipality or the reader's whole region, over any period.
 */
@Injectable()
export class ReportsService {
  constructor(
    private readonly repository: ReportRepository,
    private readonly clock: Clock,
  ) {}

  async flow(actor: Actor, query: ReportQueryDto): Promise<FlowReport> {
    const access = reportAccessOf(actor);
    const now = this.clock.now();
    const period = resolvePeriod(query, now, amsterdamDate(now));
    const scope = await this.scope(access, query);
    return this.report(access, scope, period, now);
  }

  async export(
    actor: Actor,
    query: ReportQueryDto,
    format: ExportFormat,
    audience: Audience,
  ): Promise<ReportFile> {
    const report = await this.flow(actor, query);
    const document = buildExportDocument(report, audience);
    const name = `koers-rapportage-${report.period.from}-${report.period.to}-${audience === 'council' ? 'gemeenteraad' : 'casusoverleg'}`;
    return format === 'csv'
      ? { body: renderCsv(document), contentType: 'text/csv; charset=utf-8', filename: `${name}.csv` }
      : {
          body: await renderXlsx(document),
          contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          filename: `${name}.xlsx`,
        };
  }

  /** The trajectories behind one figure: for readers who may see that figure's category of these clients. */
  async drilldown(actor: Actor, query: DrilldownQueryDto): Promise<DrilldownResult> {
    const access = reportAccessOf(actor);
    const figure = parseFigure(query.figure);
    if (!figure) {
      throw new ValidationFailedException([
        {
          code: 'invalid_field',
          field: 'figure',
          message: 'figure is not a figure of the flow report (see GET /api/reports/flow, field `figure`)',
        },
      ]);
    }
    if (!access.categories.includes(figureCategory(figure))) {
      throw new ForbiddenException(
        'Your party may not see which clients are behind this figure (need-to-know)',
      );
    }
    const now = this.clock.now();
    const period = resolvePeriod(query, now, amsterdamDate(now));
    const scope = await this.scope(access, query);
    const base = {
      figure: query.figure,
      period: { from: period.from, to: period.to },
      caseloadDate: period.at,
    };
    const needs =
      figure.section === 'spending' ? 'spend' : figure.section === 'recovery' ? 'recovery_measurement' : null;
    if (needs && !(await this.repository.hasTable(needs)))
      return { ...base, count: 0, truncated: false, items: [] };
    const { count, items } = await this.repository.drilldown(
      this.window(scope.teams, period),
      figure,
      access.deadlineKinds,
      DRILLDOWN_LIMIT,
    );
    return { ...base, count, truncated: count > items.length, items };
  }

  /** The teams of the report: one, a municipality's, or all the reader's teams (the region); 404 outside them. */
  private async scope(
    access: ReportAccess,
    query: ReportQueryDto,
  ): Promise<{ kind: FlowReport['scope']['kind']; teams: ReportTeam[] }> {
    const teams = await this.repository.teams(access.teamIds);
    const municipality = query.municipality?.toLowerCase();
    const inMunicipality = municipality ? teams.filter((t) => t.municipality.id === municipality) : teams;
    if (query.team) {
      const team = inMunicipality.find((t) => t.id === query.team!.toLowerCase());
      if (!team) throw new NotFoundException('Team');
      return { kind: 'team', teams: [team] };
    }
    if (municipality) {
      if (inMunicipality.length === 0) throw new NotFoundException('Municipality');
      return { kind: 'municipality', teams: inMunicipality };
    }
    return { kind: 'region', teams };
  }

  private window(teams: ReportTeam[], period: ReportPeriod): ReportWindow {
    return {
      teamIds: teams.map((t) => t.id),
      from: period.fromInstant,
      to: period.toInstant,
      end: period.endInstant,
      at: period.atInstant,
    };
  }

  private async report(
    access: ReportAccess,
    scope: { kind: FlowReport['scope']['kind']; teams: ReportTeam[] },
    period: ReportPeriod,
    now: Date,
  ): Promise<FlowReport> {
    const w = this.window(scope.teams, period);
    const shows = (section: FlowReport['withheld'][number]) => access.sections.includes(section);
    const stagesNeeded = shows('caseload') || shows('stageDurations');
    const [spendPresent, recoveryPresent] = await Promise.all([
      shows('spending') ? this.repository.hasTable('spend') : false,
      shows('recovery') ? this.repository.hasTable('recovery_measurement') : false,
    ]);
    // Side by side on the pool: each statement is one scan of its own table.
    const [inflow, outflow, toAdmission, stages, relapses, deadlines, spending, recovery] = await Promise.all(
      [
        shows('inflow') ? this.repository.inflow(w) : null,
        shows('outflow') ? this.repository.outflow(w) : null,
        shows('stageDurations') ? this.repository.signalToAdmission(w) : null,
        stagesNeeded ? this.repository.stages(w, OPEN_STAGES) : null,
        shows('relapses') ? this.repository.relapses(w) : null,
        shows('deadlines') ? this.repository.deadlines(w, access.deadlineKinds) : null,
        spendPresent ? this.repository.spending(w) : null,
        recoveryPresent ? this.repository.recovery(w, BARC10_REMISSION_THRESHOLD) : null,
      ],
    );
    const byStage = new Map<string, StageSql>((stages ?? []).map((row) => [row.stage, row]));
    const unavailable: FlowReport['unavailable'] = [
      ...(shows('spending') && !spendPresent ? (['spending'] as const) : []),
      ...(shows('recovery') && !recoveryPresent ? (['recovery'] as const) : []),
    ];
    return {
      generatedAt: now.toISOString(),
      period: { from: period.from, to: period.to },
      scope,
      drilldown: true,
      withheld: access.withheld,
      unavailable,
      inflow: inflow && this.inflowSection(inflow),
      outflow: outflow && this.outflowSection(outflow),
      caseload: shows('caseload')
        ? {
            date: period.at,
            rows: OPEN_STAGES.map((stage) => ({
              stage,
              label: STAGE_LABELS[stage],
              count: byStage.get(stage)?.caseload ?? 0,
              figure: `caseload.${stage}`,
            })),
            total: sum(OPEN_STAGES.map((stage) => byStage.get(stage)?.caseload ?? 0)),
            figure: 'caseload.all',
          }
        : null,
      stageDurations:
        shows('stageDurations') && toAdmission
          ? {
              rows: OPEN_STAGES.map((stage) => {
                const row = byStage.get(stage);
                return {
                  stage,
                  label: STAGE_LABELS[stage],
                  ...durationStats(row),
                  ongoing: { count: row?.ongoing ?? 0, medianDays: secondsToDays(row?.ongoingMedian) },
                  figure: `stage_duration.${stage}`,
                };
              }),
              signalToAdmission: { ...durationStats(toAdmission), figure: 'signal_to_admission' },
            }
          : null,
      relapses: relapses && {
        relapsed: relapses.relapsed,
        treatmentAborted: relapses.aborted,
        total: relapses.relapsed + relapses.aborted,
        clients: relapses.clients,
        figure: 'relapses.all',
      },
      deadlines: deadlines && this.deadlineSection(deadlines),
      spending: spending && this.spendingSection(spending),
      recovery: recovery && {
        rows: RECOVERY_INSTRUMENTS.map((instrument) => {
          const row = recovery.find((r) => r.instrument === instrument);
          return {
            instrument,
            label: RECOVERY_INSTRUMENT_LABELS[instrument],
            clients: row?.clients ?? 0,
            meanFirst: oneDecimal(row?.meanFirst),
            meanLast: oneDecimal(row?.meanLast),
            meanChange: oneDecimal(row?.meanChange),
            medianChange: oneDecimal(row?.medianChange),
            improved: row?.improved ?? 0,
            unchanged: row?.unchanged ?? 0,
            worsened: row?.worsened ?? 0,
            atOrAboveThreshold: instrument === 'barc10' ? (row?.atOrAbove ?? 0) : null,
            threshold: instrument === 'barc10' ? BARC10_REMISSION_THRESHOLD : null,
            figure: `recovery.${instrument}`,
          };
        }),
      },
    };
  }

  private inflowSection(rows: Awaited<ReturnType<ReportRepository['inflow']>>): FlowReport['inflow'] {
    const view = inOrder(rows, (r) => r.source ?? 'unknown', SIGNAL_SOURCES).map((row) => {
      const source = row.source ?? 'unknown';
      return {
        source,
        label: labelOf(SOURCE_LABELS, source),
        signals: row.signals,
        included: row.included,
        notIncluded: row.notIncluded,
        undecided: row.signals - row.included - row.notIncluded,
        figure: `inflow.${source}`,
      };
    });
    return {
      rows: view,
      total: {
        signals: sum(view.map((r) => r.signals)),
        included: sum(view.map((r) => r.included)),
        notIncluded: sum(view.map((r) => r.notIncluded)),
        undecided: sum(view.map((r) => r.undecided)),
      },
      figure: 'inflow.all',
    };
  }

  private outflowSection(rows: Awaited<ReturnType<ReportRepository['outflow']>>): FlowReport['outflow'] {
    const reasons = new Map<string, { yes: number; no: number; unknown: number }>();
    for (const row of rows) {
      const counts = reasons.get(row.reason) ?? { yes: 0, no: 0, unknown: 0 };
      const key = row.stillUsing === 'yes' || row.stillUsing === 'no' ? row.stillUsing : 'unknown';
      counts[key] += row.count;
      reasons.set(row.reason, counts);
    }
    const view = inOrder([...reasons.entries()], ([reason]) => reason, OUTFLOW_REASONS).map(
      ([reason, stillUsing]) => ({
        reason,
        label: labelOf(OUTFLOW_REASON_LABELS, reason),
        total: stillUsing.yes + stillUsing.no + stillUsing.unknown,
        stillUsing,
        figure: `outflow.${reason}`,
      }),
    );
    return {
      rows: view,
      total: sum(view.map((r) => r.total)),
      stillUsing: {
        yes: sum(view.map((r) => r.stillUsing.yes)),
        no: sum(view.map((r) => r.stillUsing.no)),
        unknown: sum(view.map((r) => r.stillUsing.unknown)),
      },
      figure: 'outflow.all',
    };
  }

  private deadlineSection(rows: Awaited<ReturnType<ReportRepository['deadlines']>>): FlowReport['deadlines'] {
    const view = inOrder(
      rows.filter((r) => r.onTime + r.late + r.overdueOpen > 0),
      (r) => r.kind,
      DEADLINE_KINDS,
    ).map((row) => ({
      kind: row.kind,
      label: labelOf(DEADLINE_KIND_LABELS, row.kind),
      onTime: row.onTime,
      late: row.late,
      total: row.onTime + row.late,
      overdueOpen: row.overdueOpen,
      figure: `deadlines.${row.kind}`,
    }));
    return {
      rows: view,
      total: {
        onTime: sum(view.map((r) => r.onTime)),
        late: sum(view.map((r) => r.late)),
        total: sum(view.map((r) => r.total)),
        overdueOpen: sum(view.map((r) => r.overdueOpen)),
      },
      figure: 'deadlines.all',
    };
  }

  private spendingSection(rows: SpendingSql[]): FlowReport['spending'] {
    const total = rows.find((r) => r.category === null);
    const view = inOrder(
      rows.filter((r): r is SpendingSql & { category: string } => r.category !== null),
      (r) => r.category,
      Object.keys(SPEND_CATEGORY_LABELS),
    ).map((row) => ({
      category: row.category,
      label: labelOf(SPEND_CATEGORY_LABELS, row.category),
      clients: row.clients,
      spends: row.spends,
      amountCents: Number(row.amountCents),
      figure: `spending.${row.category}`,
    }));
    return {
      rows: view,
      total: {
        clients: total?.clients ?? 0,
        spends: total?.spends ?? 0,
        amountCents: total ? Number(total.amountCents) : 0,
      },
      figure: 'spending.all',
    };
  }
}
