import { Controller, Get, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor, type DataCategory } from '@koers/access';
import { type AuditContext, ClientData, NoClientData } from '@koers/audit';
import { DrilldownQueryDto, ReportExportQueryDto, ReportQueryDto } from './dto/report-query.dto';
import { SECTION_CATEGORIES } from './report-access';
import { DRILLDOWN_CATEGORIES, figureCategory, parseFigure } from './report-figures';
import { REPORT_SECTIONS } from './report.types';
import { ReportsService } from './reports.service';
import type { DrilldownResult, FlowReport } from './report.types';

/** The categories of the sections an export can hold (narrowed to the reader's by the access log). */
const EXPORT_CATEGORIES = [...new Set(REPORT_SECTIONS.map((s) => SECTION_CATEGORIES[s]))];

/** A drilldown reveals who the clients are and the category its figure is about. */
function drilldownCategories({ query }: AuditContext): DataCategory[] | undefined {
  const figure = parseFigure(query.figure);
  return figure ? ['identity', figureCategory(figure)] : undefined;
}

@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Get('flow')
  @NoClientData('aggregates over whole teams (counts, durations, sums); no client is named')
  @ApiOperation({
    summary:
      'In- and outflow report: inflow by source and inclusion, outflow by reason and stillUsing, caseload per stage, time per stage, relapses, deadlines, spending, recovery',
    description:
      'For one team (`team`), a municipality (`municipality`) or all your teams (the region), over `from`..`to` ' +
      '(Amsterdam days, inclusive). Participants who see all clients of their teams only (403 otherwise); sections ' +
      'of data categories your party may not see are null and listed in `withheld`. Each row names its `figure` ' +
      'for GET /api/reports/drilldown. 400: bad dates or from after to; 404: a team or municipality not yours.',
  })
  flow(@CurrentActor() actor: Actor, @Query() query: ReportQueryDto): Promise<FlowReport> {
    return this.reports.flow(actor, query);
  }

  @Get('flow/export')
  // A file leaves Koers: logged as an export (it names no client, so the row names none).
  @ClientData({ event: 'export', categories: EXPORT_CATEGORIES, clients: { responseClientIds: false } })
  @ApiProduces('text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOperation({
    summary: 'The flow report as XLSX (default; one sheet per section) or CSV (semicolons, decimal commas)',
    description:
      '`audience=council` (default): counts of 1 to 4 shown as "<5", and "x" for what could give them back ' +
      '(secondary suppression) or rests on fewer than 5 people; `audience=team`: exact figures. Same access and ' +
      'parameters as GET /api/reports/flow.',
  })
  async export(@CurrentActor() actor: Actor, @Query() query: ReportExportQueryDto): Promise<StreamableFile> {
    const { format = 'xlsx', audience = 'council', ...period } = query;
    const file = await this.reports.export(actor, period, format, audience);
    // Answered by Nest rather than through @Res(): the access-log row is written before the file goes out.
    return new StreamableFile(file.body, {
      type: file.contentType,
      disposition: `attachment; filename="${file.filename}"`,
    });
  }

  @Get('drilldown')
  @ClientData<DrilldownResult>({
    event: 'search',
    categories: DRILLDOWN_CATEGORIES,
    categoriesOf: drilldownCategories,
  })
  @ApiOperation({
    summary: 'The trajectories behind one figure of the flow report (client, trajectory and team ids)',
    description:
      'Same period and scope parameters as GET /api/reports/flow, plus `figure`. Only for readers who may see ' +
      "that figure's data category of these clients (403 otherwise: e.g. the police for relapses). At most 5000 " +
      'items (`truncated`, `count`). 400: an unknown figure.',
  })
  drilldown(@CurrentActor() actor: Actor, @Query() query: DrilldownQueryDto): Promise<DrilldownResult> {
    return this.reports.drilldown(actor, query);
  }
}
