import {
  Body,
  Controller,
  Get,
  HttpCode,
  Patch,
  Post,
  Put,
  Query,
  Res,
  StreamableFile,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import {
  Actor,
  CurrentActor,
  DATA_CATEGORIES,
  type DataCategory,
  DEFAULT_MEETING_RECORD_CATEGORY,
  MEETING_RECORD_CATEGORIES,
} from '@koers/access';
import { type AuditContext, ClientData, NoClientData } from '@koers/audit';
import { ValidationFailedException } from '@koers/errors';
import { UuidParam } from '@koers/validation';
import { CaseIntakeDto } from './dto/case-intake.dto';
import {
  AgendaItemDto,
  CloseActionDto,
  HoldMeetingDto,
  MeetingActionDto,
  MeetingDecisionDto,
  MeetingNoteDto,
  PlanMeetingDto,
  SetAgendaDto,
  UpdateMeetingDto,
} from './dto/meeting.dto';
import { CaseIntakeService, CaseIntakeView } from './case-intake.service';
import { MeetingOutputsService } from './meeting-outputs.service';
import {
  ActionView,
  AgendaView,
  MeetingDetail,
  MeetingView,
  MeetingsService,
  RecordView,
} from './meetings.service';

/** The clients the minutes name: the agenda's, and any the meeting recorded a note, decision or action about. */
async function minutesClients({ actor, params, get }: AuditContext): Promise<string[]> {
  const meetings = get(MeetingsService);
  const [detail, agenda] = await Promise.all([
    meetings.get(actor as Actor, params.id),
    meetings.agenda(actor as Actor, params.id),
  ]);
  return [...agenda.items, ...detail.records, ...detail.actions].map((item) => item.clientId);
}

const isRecordCategory = (value: unknown): value is DataCategory =>
  typeof value === 'string' && (MEETING_RECORD_CATEGORIES as readonly string[]).includes(value);

/** For the access log: the categories of the records a meeting view returned (its actions are `trajectory`). */
function meetingCategories({ response }: AuditContext): DataCategory[] | undefined {
  const records = (response as { records?: { category?: unknown }[] } | undefined)?.records;
  if (!Array.isArray(records)) return undefined;
  return ['trajectory', ...records.map((r) => r.category).filter(isRecordCategory)];
}

/** For the access log: the category of the note or decision written (or sent, when it was refused). */
function recordCategory({ body, response }: AuditContext): DataCategory[] | undefined {
  const written = (response as { category?: unknown } | undefined)?.category;
  if (isRecordCategory(written)) return [written];
  const sent = (body as { category?: unknown } | null)?.category ?? DEFAULT_MEETING_RECORD_CATEGORY;
  return isRecordCategory(sent) ? [sent] : undefined;
}

@ApiTags('meetings')
@ApiBearerAuth()
@Controller()
export class MeetingsController {
  constructor(
    private readonly meetings: MeetingsService,
    private readonly outputs: MeetingOutputsService,
    private readonly intake: CaseIntakeService,
  ) {}

  @Post('meetings')
  @NoClientData('plans a meeting: team, time and place')
  @ApiOperation({ summary: 'Plan a meeting (chair); the answer says how it fits the 2-to-3-week cadence' })
  plan(@CurrentActor() actor: Actor, @Body() body: PlanMeetingDto): Promise<MeetingView> {
    return this.meetings.plan(actor, body);
  }

  @Get('meetings')
  @NoClientData('meetings of your teams: time, place and attendees')
  @ApiOperation({ summary: "Meetings of the user's casusoverleg teams, newest first" })
  list(@CurrentActor() actor: Actor): Promise<MeetingView[]> {
    return this.meetings.list(actor);
  }

  @Get('meetings/:id')
  // Its notes, decisions and actions, each about a client (their clientId); notes and decisions of any category.
  @ClientData({ event: 'read', categories: MEETING_RECORD_CATEGORIES, categoriesOf: meetingCategories })
  @ApiOperation({ summary: 'A meeting with its notes, decisions and actions' })
  get(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<MeetingDetail> {
    return this.meetings.get(actor, id);
  }

  @Patch('meetings/:id')
  @NoClientData('moves, changes or cancels a meeting')
  @ApiOperation({ summary: 'Move, change or cancel a planned meeting (chair)' })
  update(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Body() body: UpdateMeetingDto,
  ): Promise<MeetingView> {
    return this.meetings.update(actor, id, body);
  }

  @Post('meetings/:id/hold')
  @ClientData({ event: 'write', categories: MEETING_RECORD_CATEGORIES, categoriesOf: meetingCategories })
  @HttpCode(200)
  @ApiOperation({
    summary: 'Mark the meeting held (chair): its agenda is frozen, the cadence deadline starts',
  })
  hold(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Body() body: HoldMeetingDto,
  ): Promise<MeetingDetail> {
    return this.meetings.hold(actor, id, body);
  }

  @Get('meetings/:id/agenda')
  // Names every client on it, deferred or suggested: their name, stage and blockers.
  @ClientData({ event: 'read', categories: ['identity', 'trajectory', 'housing', 'finances'] })
  @ApiOperation({
    summary:
      'The agenda: escalated and blocked clients first, then new signals (2 in a first meeting, 1 later), within the time',
  })
  agenda(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<AgendaView> {
    return this.meetings.agenda(actor, id);
  }

  @Put('meetings/:id/agenda')
  @ClientData({
    event: 'write',
    categories: ['identity', 'trajectory', 'housing', 'finances'],
    clients: { body: ['clientId'] },
  })
  @ApiOperation({ summary: 'Set the agenda in the chair’s order (reorder, add, remove)' })
  setAgenda(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Body() body: SetAgendaDto,
  ): Promise<AgendaView> {
    return this.meetings.setAgenda(actor, id, body);
  }

  @Post('meetings/:id/agenda/items')
  @ClientData({
    event: 'write',
    categories: ['identity', 'trajectory', 'housing', 'finances'],
    clients: { body: ['clientId'] },
  })
  @HttpCode(200)
  @ApiOperation({ summary: 'Add a client at the end of the agenda (chair)' })
  addAgendaItem(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Body() body: AgendaItemDto,
  ): Promise<AgendaView> {
    return this.meetings.addAgendaItem(actor, id, body);
  }

  @Post('meetings/:id/clients/:clientId/notes')
  @ClientData({ event: 'write', categories: MEETING_RECORD_CATEGORIES, categoriesOf: recordCategory })
  @ApiOperation({
    summary:
      'A note about a client in this meeting, with its data category (need-to-know; default trajectory)',
  })
  note(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @UuidParam('clientId') clientId: string,
    @Body() body: MeetingNoteDto,
  ): Promise<RecordView> {
    return this.meetings.addNote(actor, id, clientId, body);
  }

  @Post('meetings/:id/clients/:clientId/decisions')
  @ClientData({ event: 'write', categories: MEETING_RECORD_CATEGORIES, categoriesOf: recordCategory })
  @ApiOperation({
    summary:
      'A decision with its reasons (chair); with `inclusion` it is sent into the trajectory as INCLUSION_DECIDED',
  })
  decision(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @UuidParam('clientId') clientId: string,
    @Body() body: MeetingDecisionDto,
  ): Promise<RecordView> {
    return this.meetings.addDecision(actor, id, clientId, body);
  }

  @Post('meetings/:id/clients/:clientId/actions')
  @ClientData({ event: 'write', categories: ['trajectory'] })
  @ApiOperation({
    summary: 'An action (chair): owner party or person, due date; it becomes an action_due deadline',
  })
  action(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @UuidParam('clientId') clientId: string,
    @Body() body: MeetingActionDto,
  ): Promise<ActionView> {
    return this.meetings.addAction(actor, id, clientId, body);
  }

  @Post('actions/:id/done')
  @ClientData({ event: 'write', categories: ['trajectory'] })
  @HttpCode(200)
  @ApiOperation({ summary: 'Close an action: its deadline ends and pending steps are withdrawn' })
  closeAction(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Body() body: CloseActionDto,
  ): Promise<ActionView> {
    return this.meetings.closeAction(actor, id, body);
  }

  @Get('clients/:id/actions')
  @ClientData({ event: 'read', categories: ['trajectory'] })
  @ApiOperation({ summary: "A client's actions, open first" })
  clientActions(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<ActionView[]> {
    return this.meetings.clientActions(actor, id);
  }

  @Get('clients/:id/intake')
  // The handreiking's questions cover every life domain.
  @ClientData({ event: 'read', categories: DATA_CATEGORIES })
  @ApiOperation({ summary: "The handreiking's questions for a new case, each party's answers side by side" })
  getIntake(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<CaseIntakeView> {
    return this.intake.get(actor, id);
  }

  @Put('clients/:id/intake')
  @ClientData({ event: 'write', categories: DATA_CATEGORIES })
  @ApiOperation({ summary: "Store your party's answers to the handreiking's questions about this client" })
  putIntake(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Body() body: CaseIntakeDto,
  ): Promise<CaseIntakeView> {
    return this.intake.answer(actor, id, body);
  }

  @Get('meetings/:id/minutes')
  @ClientData({
    event: 'export',
    // The notes and decisions in them may be of any category (each only for those who may see it).
    categories: ['identity', ...MEETING_RECORD_CATEGORIES],
    clients: { resolve: minutesClients },
  })
  @ApiQuery({ name: 'format', enum: ['md', 'pdf'], required: false })
  @ApiOperation({ summary: 'Minutes of the meeting as Markdown (default) or PDF' })
  async minutes(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Query('format') format = 'md',
  ): Promise<StreamableFile> {
    if (format !== 'md' && format !== 'pdf') {
      throw new ValidationFailedException([
        { code: 'invalid_field', field: 'format', message: 'format must be one of: md, pdf' },
      ]);
    }
    const body = await this.outputs.minutes(actor, id, format);
    // Answered by Nest rather than through @Res(): the access-log row is written before the file goes out.
    return new StreamableFile(typeof body === 'string' ? Buffer.from(body, 'utf8') : body, {
      type: format === 'pdf' ? 'application/pdf' : 'text/markdown; charset=utf-8',
      disposition: `attachment; filename="verslag-${id}.${format}"`,
    });
  }

  @Get('meetings/:id/ics')
  @NoClientData('the meeting as a calendar file: time, place, participants and the number of agenda items')
  @ApiOperation({
    summary: 'The meeting as an iCalendar file for the participants’ calendars (no client data)',
  })
  async ics(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Res() response: Response,
  ): Promise<void> {
    const body = await this.outputs.ics(actor, id);
    response
      .status(200)
      .type('text/calendar; charset=utf-8')
      .setHeader('Content-Disposition', `attachment; filename="casusoverleg-${id}.ics"`)
      .send(body);
  }
}
