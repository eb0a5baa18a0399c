import { Injectable } from '@nestjs/common';
import { PARTY_LABELS, STAGE_LABELS, type Party, type Stage } from '@koers/machines/trajectory';
import {
  type Actor,
  ClientAccessRepository,
  DATA_CATEGORY_LABELS,
  DEFAULT_MEETING_RECORD_CATEGORY,
  type MeetingRecordCategory,
  categoriesFor,
  memberTeam,
} from '@koers/access';
import { Clock, addAmsterdamDays, amsterdamDate, amsterdamInstant, dueInstant } from '@koers/clock';
import {
  DomainErrorCode,
  DomainException,
  ForbiddenException,
  NotFoundException,
  ValidationFailedException,
} from '@koers/errors';
import { SubjectDeadlineWriter } from '@koers/deadlines';
import { inPgTransaction, type SqlQuery } from '@koers/persistence';
import { BoardService, TrajectoryService, type BoardRow } from '@koers/trajectory';
import {
  AGENDA_REASON_LABELS,
  ITEM_MINUTES,
  FIXED_MINUTES,
  type AgendaReason,
  type DeferredEntry,
  generateAgenda,
} from './agenda/agenda.generator';
import {
  CloseActionDto,
  HoldMeetingDto,
  MeetingActionDto,
  MeetingDecisionDto,
  MeetingNoteDto,
  PlanMeetingDto,
  SetAgendaDto,
  AgendaItemDto,
  UpdateMeetingDto,
} from './dto/meeting.dto';
import {
  ActionRow,
  MeetingRow,
  MeetingsRepository,
  RecordRow,
  StoredAgenda,
  StoredAgendaItem,
} from './meetings.repository';

/**
 * domain.md §5: a meeting every 2 weeks, at most 3 (the meeting_cadence deadline holds the maximum). The target is
 * the casusoverleg's own rhythm (team setup: every 2 or 3 weeks).
 */
export const CADENCE_MAX_DAYS = 21;

export interface MeetingView {
  id: string;
  team: { id: string; name: string };
  startsAt: string;
  endsAt: string;
  durationMinutes: number;
  location: string | null;
  status: string;
  /** Bumped on every change of time, place or status (the calendar file's SEQUENCE). */
  sequence: number;
  heldAt: string | null;
  attendeeIds: string[];
  /** Days since the previous meeting that was held, against the cadence of domain.md §5. */
  cadence: { previousHeldAt: string | null; daysSincePrevious: number | null; message: string | null };
}

export interface AgendaItemView {
  position: number;
  clientId: string;
  displayName: string;
  stage: string;
  stageLabel: string;
  reason: string;
  reasonLabel: string;
  estimateMinutes: number;
  note: string | null;
  blockers: { code: string; message: string; liftedBy: string }[];
}

export interface AgendaView {
  meetingId: string;
  status: string;
  /** True while nobody edited it: it is generated from the board on every request. */
  generated: boolean;
  isFirstMeeting: boolean;
  newCaseLimit: number;
  budgetMinutes: number;
  fixedMinutes: number;
  plannedMinutes: number;
  overBudget: boolean;
  items: AgendaItemView[];
  /** Generated agenda: what did not fit (new-case limit, time). Edited: what the generator would add now. */
  deferred: (AgendaItemView & { deferredBecause: string })[];
  suggestions: AgendaItemView[];
}

export interface RecordView {
  id: string;
  clientId: string;
  kind: string;
  /** Its data category: only readers who may see that category of the client get the record (need-to-know). */
  category: MeetingRecordCategory;
  categoryLabel: string;
  decisionType: string | null;
  text: string;
  reasons: string | null;
  eventSeq: number | null;
  author: { id: string; displayName: string };
  createdAt: string;
}

export interface ActionView {
  id: string;
  clientId: string;
  meetingId: string | null;
  description: string;
  owner: {
    partyKind: string | null;
    partyLabel: string | null;
    userId: string | null;
    displayName: string | null;
  };
  dueDate: string;
  status: string;
  doneNote: string | null;
  doneAt: string | null;
  createdAt: string;
}

export interface MeetingDetail extends MeetingView {
  records: RecordView[];
  actions: ActionView[];
}

@Injectable()
export class MeetingsService {
  constructor(
    private readonly repository: MeetingsRepository,
    private readonly board: BoardService,
    private readonly trajectories: TrajectoryService,
    private readonly deadlines: SubjectDeadlineWriter,
    private readonly access: ClientAccessRepository,
    private readonly clock: Clock,
  ) {}

  // ------------------------------------------------------------------------------------------------------
  // Planning

  async plan(actor: Actor, dto: PlanMeetingDto): Promise<MeetingView> {
    const teamId = this.chairTeam(actor, dto.teamId);
    const startsAt = this.meetingTime(dto.startsAt);
    const id = await this.transaction(async (query) => {
      const now = this.clock.now();
      const [row] = await query<{ id: string }>(
        `INSERT INTO meeting (team_id, starts_at, duration_minutes, location, created_by, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id`,
        [teamId, startsAt, dto.durationMinutes ?? 120, dto.location ?? null, actor.userId, now],
      );
      await this.refreshCadence(query, teamId, now);
      return row.id;
    });
    return this.get(actor, id);
  }

  async list(actor: Actor): Promise<MeetingView[]> {
    return (await this.repository.meetings(actor.teamIds)).map(meetingView);
  }

  /** The meeting with its notes and decisions (those the reader may see: need-to-know) and its actions. */
  async get(actor: Actor, id: string): Promise<MeetingDetail> {
    const meeting = await this.findMeeting(actor, id);
    const [records, actions] = await Promise.all([
      this.repository.records(id),
      this.repository.actionsOfMeeting(id),
    ]);
    return {
      ...meetingView(meeting),
      records: records
        .filter((r) => categoriesFor(actor, meeting.teamId, r.clientId, r.legalBasis).includes(r.category))
        .map(recordView),
      actions: actions.map(actionView),
    };
  }

  async update(actor: Actor, id: string, dto: UpdateMeetingDto): Promise<MeetingView> {
    await this.transaction(async (query) => {
      const meeting = await this.chairMeeting(actor, id, query);
      if (meeting.status !== 'planned') {
        throw this.refused(
          'meeting_not_planned',
          'Alleen een geplande vergadering kan nog worden gewijzigd.',
        );
      }
      const now = this.clock.now();
      await query(
        `UPDATE meeting SET starts_at = COALESCE($2, starts_at), duration_minutes = COALESCE($3, duration_minutes),
                location = COALESCE($4, location), status = COALESCE($5, status), sequence = sequence + 1, updated_at = $6
          WHERE id = $1`,
        [
          id,
          dto.startsAt ? this.meetingTime(dto.startsAt) : null,
          dto.durationMinutes ?? null,
          dto.location ?? null,
          dto.status ?? null,
          now,
        ],
      );
      await this.refreshCadence(query, meeting.teamId, now);
    });
    return this.get(actor, id);
  }

  /**
   * Marks the meeting held: its agenda is frozen as it stands and the next meeting_cadence deadline starts
   * (the chair is warned on day 14 if no meeting is planned, overdue on day 21).
   */
  async hold(actor: Actor, id: string, dto: HoldMeetingDto): Promise<MeetingDetail> {
    const meeting = await this.chairMeeting(actor, id);
    if (meeting.status !== 'planned') {
      throw this.refused('meeting_not_planned', 'Deze vergadering is al gehouden of geannuleerd.');
    }
    const agenda = meeting.agenda ?? this.storedFrom(await this.generated(actor, meeting), null);
    const members = await this.repository.members(meeting.teamId);
    const attendees = dto.attendeeIds ?? members.map((m) => m.userId);
    const strangers = attendees.filter((a) => !members.some((m) => m.userId === a.toLowerCase()));
    if (strangers.length > 0) {
      throw new ValidationFailedException([
        {
          code: 'invalid_field',
          field: 'attendeeIds',
          message: 'attendeeIds must be members of the casusoverleg',
        },
      ]);
    }
    await this.transaction(async (query) => {
      const now = this.clock.now();
      const updated = await query(
        `UPDATE meeting SET status = 'held', held_at = $2, agenda = $3, attendee_ids = $4, sequence = sequence + 1,
                updated_at = $2
          WHERE id = $1 AND status = 'planned' RETURNING id`,
        [id, now, JSON.stringify(agenda), attendees.map((a) => a.toLowerCase())],
      );
      if (updated.length === 0) throw this.refused('meeting_not_planned', 'Deze vergadering is al gehouden.');
      await this.refreshCadence(query, meeting.teamId, now);
    });
    return this.get(actor, id);
  }

  /**
   * Keeps the casusoverleg's meeting_cadence deadline in step with its meetings: it counts from the last
   * meeting held; a meeting planned within the maximum ends it; cancelling that meeting starts it again.
   */
  private async refreshCadence(query: SqlQuery, teamId: string, now: Date): Promise<void> {
    const [last] = await query<{ id: string; starts_at: Date; held_at: Date }>(
      `SELECT id, starts_at, held_at FROM meeting WHERE team_id = $1 AND status = 'held'
        ORDER BY starts_at DESC, held_at DESC LIMIT 1`,
      [teamId],
    );
    const pending = await query<{ subject_id: string; due_at: Date }>(
      `SELECT subject_id, due_at FROM deadline WHERE team_id = $1 AND kind = 'meeting_cadence' AND status = 'pending'`,
      [teamId],
    );
    for (const stale of pending.filter((p) => p.subject_id !== last?.id)) {
      await this.deadlines.end(query, 'meeting_cadence', stale.subject_id, now);
    }
    if (!last) return;
    const maxDate = addAmsterdamDays(last.starts_at, CADENCE_MAX_DAYS);
    const [next] = await query<{ id: string }>(
      `SELECT id FROM meeting WHERE team_id = $1 AND status = 'planned' AND starts_at > $2 AND starts_at <= $3 LIMIT 1`,
      [teamId, last.starts_at, maxDate],
    );
    const current = pending.find((p) => p.subject_id === last.id);
    if (next) {
      if (current) await this.deadlines.end(query, 'meeting_cadence', last.id, now);
    } else if (!current) {
      await this.deadlines.start(query, {
        teamId,
        trajectoryId: null,
        kind: 'meeting_cadence',
        subjectId: last.id,
        base: last.starts_at,
        time: now,
      });
    }
  }

  // ------------------------------------------------------------------------------------------------------
  // Agenda

  async agenda(actor: Actor, id: string): Promise<AgendaView> {
    const meeting = await this.findMeeting(actor, id);
    const generated = await this.generated(actor, meeting);
    if (!meeting.agenda) return generated;
    return this.storedView(actor, meeting, meeting.agenda, generated);
  }

  /** The chair's agenda: the whole list in order (reorder, add, remove). New cases stay within the limit. */
  async setAgenda(actor: Actor, id: string, dto: SetAgendaDto): Promise<AgendaView> {
    const meeting = await this.chairMeeting(actor, id);
    if (meeting.status !== 'planned') {
      throw this.refused(
        'meeting_not_planned',
        'De agenda van een gehouden of geannuleerde vergadering ligt vast.',
      );
    }
    const generated = await this.generated(actor, meeting);
    const stored = await this.chairAgenda(actor, meeting, dto.items, generated);
    await this.repository.dataSource.query(
      `UPDATE meeting SET agenda = $2, updated_at = $3 WHERE id = $1 AND status = 'planned'`,
      [id, JSON.stringify(stored), this.clock.now()],
    );
    return this.storedView(actor, meeting, stored, generated);
  }

  /** Adds one client at the end of the agenda (the generated agenda becomes the chair's). */
  async addAgendaItem(actor: Actor, id: string, item: AgendaItemDto): Promise<AgendaView> {
    const meeting = await this.chairMeeting(actor, id);
    const current = meeting.agenda?.items ?? (await this.generated(actor, meeting)).items;
    if (current.some((i) => i.clientId === item.clientId.toLowerCase())) {
      throw this.refused('already_on_agenda', 'Deze cliënt staat al op de agenda.');
    }
    const items = [
      ...current.map((i) => ({
        clientId: i.clientId,
        estimateMinutes: i.estimateMinutes,
        note: i.note ?? undefined,
      })),
      item,
    ];
    return this.setAgenda(actor, id, { items });
  }

  private async generated(actor: Actor, meeting: MeetingRow): Promise<AgendaView> {
    const [rows, discussed, held] = await Promise.all([
      // One agenda for every participant: escalated and overdue count every deadline of the casusoverleg, also
      // those of kinds a reader may not see (a budget review); the reasons name no kind, the blockers stay the
      // reader's.
      this.board.board(actor, { team: meeting.teamId }, 'casusoverleg').then((b) => b.rows),
      this.repository.discussedClients(meeting.teamId),
      this.repository.heldMeetingCount(meeting.teamId),
    ]);
    const isFirstMeeting = held === 0;
    const agenda = generateAgenda(
      rows.map((row) => ({
        clientId: row.clientId,
        stage: row.stage,
        escalated: row.escalated,
        overdue: row.overdue,
        blockerCodes: row.blockers.map((b) => b.code),
        discussedBefore: discussed.has(row.clientId),
      })),
      { isFirstMeeting, budgetMinutes: meeting.durationMinutes },
    );
    const byClient = new Map(rows.map((row) => [row.clientId, row]));
    const item = (
      entry: { clientId: string; reason: AgendaReason; estimateMinutes: number },
      index: number,
    ) => itemView(index + 1, entry, byClient.get(entry.clientId)!, null);
    return {
      meetingId: meeting.id,
      status: meeting.status,
      generated: true,
      isFirstMeeting,
      newCaseLimit: agenda.newCaseLimit,
      budgetMinutes: agenda.budgetMinutes,
      fixedMinutes: FIXED_MINUTES,
      plannedMinutes: agenda.plannedMinutes,
      overBudget: agenda.plannedMinutes > agenda.budgetMinutes,
      items: agenda.items.map(item),
      deferred: agenda.deferred.map((d: DeferredEntry, i) => ({
        ...item(d, i),
        deferredBecause: d.deferredBecause,
      })),
      suggestions: [],
    };
  }

  private async chairAgenda(
    actor: Actor,
    meeting: MeetingRow,
    items: AgendaItemDto[],
    generated: AgendaView,
  ): Promise<StoredAgenda> {
    const ids = items.map((i) => i.clientId.toLowerCase());
    if (new Set(ids).size !== ids.length) {
      throw new ValidationFailedException([
        { code: 'invalid_field', field: 'items', message: 'items must not name a client twice' },
      ]);
    }
    const clients = await this.repository.clients(meeting.teamId, ids);
    if (clients.length !== ids.length) throw new NotFoundException('Client');
    const discussed = await this.repository.discussedClients(meeting.teamId);
    const known = new Map([...generated.items, ...generated.deferred].map((i) => [i.clientId, i.reason]));
    const stored: StoredAgendaItem[] = items.map((item, index) => {
      const clientId = ids[index];
      const client = clients.find((c) => c.id === clientId)!;
      const isNew = client.stage === 'signal' && !discussed.has(clientId);
      const reason = isNew ? 'new_case' : (known.get(clientId) ?? 'added');
      return {
        clientId,
        reason,
        estimateMinutes: item.estimateMinutes ?? ITEM_MINUTES[reason as AgendaReason],
        note: item.note ?? null,
      };
    });
    const newCases = stored.filter((i) => i.reason === 'new_case').length;
    if (newCases > generated.newCaseLimit) {
      throw this.refused(
        'new_case_limit',
        generated.isFirstMeeting
          ? `In de eerste vergadering van een casusoverleg worden ten hoogste 2 nieuwe casussen besproken (nu ${newCases}).`
          : `Per vergadering wordt ten hoogste 1 nieuwe casus besproken (nu ${newCases}); bespreek de andere in een volgende vergadering.`,
      );
    }
    return { items: stored, editedAt: this.clock.now().toISOString(), editedBy: actor.userId };
  }

  private storedFrom(agenda: AgendaView, editedBy: string | null): StoredAgenda {
    return {
      items: agenda.items.map((i) => ({
        clientId: i.clientId,
        reason: i.reason,
        estimateMinutes: i.estimateMinutes,
        note: i.note,
      })),
      editedAt: this.clock.now().toISOString(),
      editedBy,
    };
  }

  private async storedView(
    actor: Actor,
    meeting: MeetingRow,
    stored: StoredAgenda,
    generated: AgendaView,
  ): Promise<AgendaView> {
    const rows = (await this.board.board(actor, { team: meeting.teamId })).rows;
    const onBoard = new Map(rows.map((row) => [row.clientId, row]));
    const missing = stored.items.filter((i) => !onBoard.has(i.clientId)).map((i) => i.clientId);
    const closed = new Map((await this.repository.clients(meeting.teamId, missing)).map((c) => [c.id, c]));
    const items = stored.items.map((item, index) => {
      const row = onBoard.get(item.clientId);
      if (row) return itemView(index + 1, item, row, item.note);
      const client = closed.get(item.clientId);
      return itemView(
        index + 1,
        item,
        {
          displayName: client?.displayName ?? '',
          stage: client?.stage ?? 'closed',
          blockers: [],
        },
        item.note,
      );
    });
    const planned = FIXED_MINUTES + items.reduce((sum, i) => sum + i.estimateMinutes, 0);
    const onAgenda = new Set(stored.items.map((i) => i.clientId));
    return {
      ...generated,
      generated: false,
      plannedMinutes: planned,
      overBudget: planned > meeting.durationMinutes,
      items,
      deferred: [],
      suggestions:
        meeting.status === 'planned' ? generated.items.filter((i) => !onAgenda.has(i.clientId)) : [],
    };
  }

  // ------------------------------------------------------------------------------------------------------
  // In the meeting: notes, decisions, actions

  async addNote(actor: Actor, meetingId: string, clientId: string, dto: MeetingNoteDto): Promise<RecordView> {
    const meeting = await this.openMeeting(actor, meetingId);
    const client = await this.clientOf(meeting.teamId, clientId);
    const category = this.writableCategory(actor, meeting, client, dto.category);
    return this.insertRecord(actor, meeting, clientId, { kind: 'note', category, text: dto.text });
  }

  /**
   * A decision with its reasons. An inclusion decision goes into the trajectory as INCLUSION_DECIDED first
   * (refused there → 422 and nothing recorded); the record keeps the event's sequence number.
   */
  async addDecision(
    actor: Actor,
    meetingId: string,
    clientId: string,
    dto: MeetingDecisionDto,
  ): Promise<RecordView> {
    const meeting = await this.openMeeting(actor, meetingId, true);
    const client = await this.clientOf(meeting.teamId, clientId);
    if (dto.inclusion && (dto.category ?? DEFAULT_MEETING_RECORD_CATEGORY) !== 'trajectory') {
      throw new ValidationFailedException([
        {
          code: 'invalid_field',
          field: 'category',
          message: 'category of an inclusion decision must be trajectory: its reasons go into the trajectory',
        },
      ]);
    }
    const category = this.writableCategory(actor, meeting, client, dto.category);
    let eventSeq: number | null = null;
    if (dto.inclusion) {
      const trajectory = await this.trajectories.recordEvent(actor, clientId, {
        type: 'INCLUSION_DECIDED',
        included: dto.inclusion.included,
        criteria: dto.inclusion.criteria,
        reasons: dto.reasons,
        ...(dto.inclusion.override ? { override: dto.inclusion.override } : {}),
      });
      eventSeq = trajectory.version;
    }
    return this.insertRecord(actor, meeting, clientId, {
      kind: 'decision',
      category,
      decisionType: dto.inclusion ? 'inclusion' : 'other',
      text: dto.text,
      reasons: dto.reasons,
      eventSeq,
    });
  }

  /** An action with its owner and due date, and its action_due deadline, in one transaction. */
  async addAction(
    actor: Actor,
    meetingId: string,
    clientId: string,
    dto: MeetingActionDto,
  ): Promise<ActionView> {
    const meeting = await this.openMeeting(actor, meetingId, true);
    const client = await this.clientOf(meeting.teamId, clientId);
    if (client.closed) {
      throw this.refused(
        'trajectory_closed',
        'Het traject van deze cliënt is afgesloten; er kunnen geen acties meer bij.',
      );
    }
    const owner = await this.actionOwner(meeting.teamId, dto);
    const today = amsterdamDate(this.clock.now());
    if (dto.dueDate < today) {
      throw new ValidationFailedException([
        { code: 'invalid_field', field: 'dueDate', message: 'dueDate must be today or later' },
      ]);
    }
    const id = await this.transaction(async (query) => {
      const now = this.clock.now();
      const [row] = await query<{ id: string }>(
        `INSERT INTO action (team_id, client_id, meeting_id, description, owner_party_kind, owner_user_id, due_date,
                             created_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
        [
          meeting.teamId,
          client.id,
          meeting.id,
          dto.description,
          owner.partyKind,
          owner.userId,
          dto.dueDate,
          actor.userId,
          now,
        ],
      );
      await this.deadlines.start(query, {
        teamId: meeting.teamId,
        trajectoryId: client.trajectoryId,
        kind: 'action_due',
        subjectId: row.id,
        base: dto.dueDate,
        time: now,
      });
      return row.id;
    });
    return actionView((await this.repository.action(id, actor.teamIds))!);
  }

  /** Closes an action (any member of its casusoverleg may report it done): its deadline ends, pending steps withdrawn. */
  async closeAction(actor: Actor, actionId: string, dto: CloseActionDto): Promise<ActionView> {
    await this.transaction(async (query) => {
      const action = await this.repository.action(actionId, actor.teamIds, query, true);
      if (!action) throw new NotFoundException('Action');
      if (action.status === 'done') throw this.refused('action_done', 'Deze actie is al afgerond.');
      const now = this.clock.now();
      await query(
        `UPDATE action SET status = 'done', done_at = $2, done_by = $3, done_note = $4 WHERE id = $1`,
        [actionId, now, actor.userId, dto.note ?? null],
      );
      await this.deadlines.end(query, 'action_due', actionId, now);
    });
    return actionView((await this.repository.action(actionId, actor.teamIds))!);
  }

  /** Actions are the casusoverleg's own: its full-scope participants see them, invited partners do not. */
  async clientActions(actor: Actor, clientId: string): Promise<ActionView[]> {
    await this.access.assertClientVisible(actor, clientId, { teamOnly: true });
    return (await this.repository.actionsOfClient(clientId, actor.teamIds)).map(actionView);
  }

  // ------------------------------------------------------------------------------------------------------
  // Helpers

  /**
   * The category a note or decision is stored with: the one asked for (default `trajectory`), which must be one the
   * writer may see of that client (need-to-know: the police cannot write a health note).
   */
  private writableCategory(
    actor: Actor,
    meeting: MeetingRow,
    client: { id: string; legalBasis: string },
    requested: string | undefined,
  ): MeetingRecordCategory {
    const category = (requested ?? DEFAULT_MEETING_RECORD_CATEGORY) as MeetingRecordCategory;
    if (!categoriesFor(actor, meeting.teamId, client.id, client.legalBasis).includes(category)) {
      throw new ForbiddenException(
        `Your party may not record ${category} data about this client (need-to-know)`,
      );
    }
    return category;
  }

  private async insertRecord(
    actor: Actor,
    meeting: MeetingRow,
    clientId: string,
    record: {
      kind: 'note' | 'decision';
      category: MeetingRecordCategory;
      text: string;
      decisionType?: string;
      reasons?: string;
      eventSeq?: number | null;
    },
  ): Promise<RecordView> {
    const [row] = await this.repository.dataSource.query(
      `INSERT INTO meeting_record (meeting_id, client_id, kind, category, decision_type, text, reasons, event_seq,
                                   created_by, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id, created_at`,
      [
        meeting.id,
        clientId.toLowerCase(),
        record.kind,
        record.category,
        record.decisionType ?? null,
        record.text,
        record.reasons ?? null,
        record.eventSeq ?? null,
        actor.userId,
        this.clock.now(),
      ],
    );
    return recordView({
      id: row.id,
      meetingId: meeting.id,
      clientId: clientId.toLowerCase(),
      kind: record.kind,
      category: record.category,
      decisionType: record.decisionType ?? null,
      text: record.text,
      reasons: record.reasons ?? null,
      eventSeq: record.eventSeq ?? null,
      createdBy: actor.userId,
      authorName: actor.displayName,
      createdAt: row.created_at,
    });
  }

  private async actionOwner(
    teamId: string,
    dto: MeetingActionDto,
  ): Promise<{ partyKind: string | null; userId: string | null }> {
    const { partyKind, userId } = dto.owner;
    if (!partyKind === !userId) {
      throw new ValidationFailedException([
        { code: 'invalid_field', field: 'owner', message: 'owner must name either a partyKind or a userId' },
      ]);
    }
    const members = await this.repository.members(teamId);
    if (userId && !members.some((m) => m.userId === userId.toLowerCase())) {
      throw new ValidationFailedException([
        {
          code: 'invalid_field',
          field: 'owner.userId',
          message: 'owner.userId must be a member of the casusoverleg',
        },
      ]);
    }
    if (partyKind && !members.some((m) => m.partyKind === partyKind)) {
      throw this.refused(
        'owner_not_in_casusoverleg',
        `Niemand van ${PARTY_LABELS[partyKind as Party] ?? partyKind} neemt deel aan dit casusoverleg; kies een deelnemer als eigenaar.`,
      );
    }
    return { partyKind: partyKind ?? null, userId: userId ? userId.toLowerCase() : null };
  }

  private async clientOf(teamId: string, clientId: string) {
    const [client] = await this.repository.clients(teamId, [clientId.toLowerCase()]);
    if (!client) throw new NotFoundException('Client');
    return client;
  }

  private async findMeeting(actor: Actor, id: string): Promise<MeetingRow> {
    const meeting = await this.repository.meeting(id, actor.teamIds);
    if (!meeting) throw new NotFoundException('Meeting');
    return meeting;
  }

  private async chairMeeting(actor: Actor, id: string, query?: SqlQuery): Promise<MeetingRow> {
    const meeting = await this.repository.meeting(id, actor.teamIds, query, query !== undefined);
    if (!meeting) throw new NotFoundException('Meeting');
    if (actor.role !== 'chair')
      throw new ForbiddenException('Only the chair of the casusoverleg may do this');
    return meeting;
  }

  /** A meeting that is not cancelled; `chairOnly` for decisions and actions (the chair records them). */
  private async openMeeting(actor: Actor, id: string, chairOnly = false): Promise<MeetingRow> {
    const meeting = chairOnly ? await this.chairMeeting(actor, id) : await this.findMeeting(actor, id);
    if (meeting.status === 'cancelled') {
      throw this.refused('meeting_cancelled', 'Deze vergadering is geannuleerd.');
    }
    return meeting;
  }

  private chairTeam(actor: Actor, teamId: string | undefined): string {
    if (actor.role !== 'chair')
      throw new ForbiddenException('Only the chair of the casusoverleg plans its meetings');
    // The chair sees every client of the teams it takes part in: its member teams are its full-scope teams.
    return memberTeam(actor, teamId);
  }

  /** A meeting's start: a date alone means 13:00 Amsterdam time; not before today. */
  private meetingTime(value: string): Date {
    const startsAt = /^\d{4}-\d{2}-\d{2}$/.test(value) ? amsterdamInstant(value, 13) : dueInstant(value);
    const today = amsterdamInstant(amsterdamDate(this.clock.now()));
    if (startsAt < today) {
      throw new ValidationFailedException([
        { code: 'invalid_field', field: 'startsAt', message: 'startsAt must be today or later' },
      ]);
    }
    return startsAt;
  }

  /** A rule of the casusoverleg says no: 422 with a Dutch reason. */
  private refused(code: string, message: string): DomainException {
    return new DomainException(DomainErrorCode.EventRefused, message, [{ code, message }]);
  }

  private transaction<T>(work: (query: SqlQuery) => Promise<T>): Promise<T> {
    return inPgTransaction(this.repository.dataSource, work);
  }
}

function itemView(
  position: number,
  entry: { clientId: string; reason: string; estimateMinutes: number },
  row: Pick<BoardRow, 'displayName' | 'stage' | 'blockers'>,
  note: string | null,
): AgendaItemView {
  return {
    position,
    clientId: entry.clientId,
    displayName: row.displayName,
    stage: row.stage,
    stageLabel: STAGE_LABELS[row.stage as Stage] ?? row.stage,
    reason: entry.reason,
    reasonLabel: AGENDA_REASON_LABELS[entry.reason as AgendaReason] ?? entry.reason,
    estimateMinutes: entry.estimateMinutes,
    note,
    blockers: row.blockers.map((b) => ({ code: b.code, message: b.message, liftedBy: b.liftedBy })),
  };
}

/** Days since the previous meeting that was held, against the cadence of domain.md §5. */
function meetingView(row: MeetingRow): MeetingView {
  const previous = row.previousHeldAt;
  const days = previous ? Math.round((row.startsAt.getTime() - previous.getTime()) / 86_400_000) : null;
  let message: string | null = null;
  if (days !== null && days > CADENCE_MAX_DAYS) {
    message = `Er zitten ${days} dagen tussen deze en de vorige vergadering; het casusoverleg komt ten minste elke 3 weken bijeen.`;
  } else if (days !== null && days > row.intervalWeeks * 7) {
    message = `Er zitten ${days} dagen tussen deze en de vorige vergadering; het afgesproken ritme is elke ${row.intervalWeeks} weken.`;
  }
  return {
    id: row.id,
    team: { id: row.teamId, name: row.teamName },
    startsAt: row.startsAt.toISOString(),
    endsAt: new Date(row.startsAt.getTime() + row.durationMinutes * 60_000).toISOString(),
    durationMinutes: row.durationMinutes,
    location: row.location,
    status: row.status,
    sequence: row.sequence,
    heldAt: row.heldAt ? row.heldAt.toISOString() : null,
    attendeeIds: row.attendeeIds,
    cadence: {
      previousHeldAt: previous ? previous.toISOString() : null,
      daysSincePrevious: days,
      message,
    },
  };
}

function recordView(row: RecordRow): RecordView {
  return {
    id: row.id,
    clientId: row.clientId,
    kind: row.kind,
    category: row.category,
    categoryLabel: DATA_CATEGORY_LABELS[row.category],
    decisionType: row.decisionType,
    text: row.text,
    reasons: row.reasons,
    eventSeq: row.eventSeq,
    author: { id: row.createdBy, displayName: row.authorName },
    createdAt: new Date(row.createdAt).toISOString(),
  };
}

export function actionView(row: ActionRow): ActionView {
  return {
    id: row.id,
    clientId: row.clientId,
    meetingId: row.meetingId,
    description: row.description,
    owner: {
      partyKind: row.ownerPartyKind,
      partyLabel: row.ownerPartyKind
        ? (PARTY_LABELS[row.ownerPartyKind as Party] ?? row.ownerPartyKind)
        : null,
      userId: row.ownerUserId,
      displayName: row.ownerName,
    },
    dueDate: row.dueDate,
    status: row.status,
    doneNote: row.doneNote,
    doneAt: row.doneAt ? row.doneAt.toISOString() : null,
    createdAt: row.createdAt.toISOString(),
  };
}
