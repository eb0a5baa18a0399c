import { Injectable } from '@nestjs/common';
import {
  DEADLINE_KIND_LABELS,
  PARTY_LABELS,
  STAGE_LABELS,
  legalBasisKindOf,
  restoreSnapshot,
  stageOf,
} from '@koers/machines/trajectory';
import {
  type Actor,
  ClientAccessRepository,
  DATA_CATEGORIES,
  DATA_CATEGORY_LABELS,
  DEFAULT_MEETING_RECORD_CATEGORY,
  type DataCategory,
} from '@koers/access';
import { Clock } from '@koers/clock';
import { ForbiddenException, NotFoundException } from '@koers/errors';
import { JOURNAL_CATEGORY_LABELS, JOURNAL_KIND_LABELS } from '@koers/journal';
import { legalBasisView, upgradeSnapshot } from '@koers/trajectory';
import { EVENT_TYPE_LABELS, label } from './client-export.labels';
import { recoveryExport } from './client-export.recovery';
import { budgetExport } from './client-export.budget';
import { type ClientExportQueries, ClientExportRepository, type Row } from './client-export.repository';
import {
  CLIENT_EXPORT_FORMAT,
  CLIENT_EXPORT_VERSION,
  type ClientExport,
  type ExportPerson,
} from './client-export.types';

const iso = (value: unknown): string =>
  (value instanceof Date ? value : new Date(String(value))).toISOString();
const isoOrNull = (value: unknown): string | null => (value == null ? null : iso(value));
const str = (value: unknown): string => String(value);
const strOrNull = (value: unknown): string | null => (value == null ? null : String(value));

/** `<prefix>_id`, `<prefix>_name`, `<prefix>_party` of a row as a person; null when there is none. */
function personOf(row: Row, prefix: string): ExportPerson | null {
  const userId = strOrNull(row[`${prefix}_id`]);
  const displayName = strOrNull(row[`${prefix}_name`]);
  const partyKind = strOrNull(row[`${prefix}_party`]);
  return userId === null && displayName === null && partyKind === null
    ? null
    : { userId, displayName, partyKind };
}
const recordCategory = (row: Row): DataCategory =>
  (strOrNull(row.category) as DataCategory | null) ?? DEFAULT_MEETING_RECORD_CATEGORY;
const NOBODY: ExportPerson = { userId: null, displayName: null, partyKind: null };
const person = (row: Row, prefix: string): ExportPerson => personOf(row, prefix) ?? NOBODY;

/**
 * The data-subject export (issue 5 item 5): everything about one client, assembled from queries that are each
 * bounded to that client. Only the chair of the client's casusoverleg, who may see every data category of the
 * client, may make it: 404 when the client is out of the user's reach, 403 for anyone else who can see it.
 */
@Injectable()
export class ClientExportService {
  constructor(
    private readonly repository: ClientExportRepository,
    private readonly access: ClientAccessRepository,
    private readonly clock: Clock,
  ) {}

  export(actor: Actor, clientId: string): Promise<ClientExport> {
    return this.repository.read((queries) => this.assemble(queries, actor, clientId));
  }

  private async assemble(
    queries: ClientExportQueries,
    actor: Actor,
    clientId: string,
  ): Promise<ClientExport> {
    // Within the same snapshot as the reads below.
    const visible = await this.access.assertClientVisible(actor, clientId, { query: queries.sql });
    // The data subject's right of access (AVG art. 15) does not depend on the basis for sharing the data in the
    // casusoverleg: after a withdrawal of consent the chair still exports everything, to the person.
    const categories = actor.categories;
    if (
      actor.role !== 'chair' ||
      visible.via !== 'team' ||
      !DATA_CATEGORIES.every((c) => categories.includes(c))
    ) {
      throw new ForbiddenException(
        "Only the chair of the client's casusoverleg may export everything about the client",
      );
    }
    const client = await queries.client(visible.id);
    if (!client) throw new NotFoundException('Client');
    const trajectoryId = client.trajectory_id;
    // One after the other: the queries share the transaction's connection.
    const history = await queries.history(trajectoryId);
    const deadlines = await queries.deadlines(trajectoryId);
    const steps = await queries.deadlineSteps(trajectoryId);
    const notifications = await queries.notifications(client.id, trajectoryId);
    const journal = await queries.journal(client.id);
    const meetings = await queries.meetings(client.id);
    const records = await queries.meetingRecords(client.id);
    const actions = await queries.actions(client.id);
    const intake = await queries.intake(client.id);
    const invitations = await queries.invitations(client.id);
    const recovery = await queries.recovery(client.id);
    const budget = await queries.budget(client.id);
    const attendeeIds = [...new Set(meetings.flatMap((m) => (m.attendee_ids as string[] | null) ?? []))];
    const people = await queries.people(attendeeIds);
    // The access log up to this export (its own row is written when the answer is ready).
    const accessLog = await queries.accessLog(client.id);
    const peopleById = new Map(people.map((p) => [str(p.p_id), person(p, 'p')]));
    const snapshot = restoreSnapshot(
      upgradeSnapshot(client.machine_id, client.machine_version, client.snapshot),
    );
    const stage = stageOf(snapshot);

    return {
      format: CLIENT_EXPORT_FORMAT,
      version: CLIENT_EXPORT_VERSION,
      generatedAt: this.clock.now().toISOString(),
      generatedBy: { userId: actor.userId, displayName: actor.displayName, partyKind: actor.partyKind },
      client: {
        id: client.id,
        displayName: client.display_name,
        birthDate: client.birth_date,
        bsn: client.bsn,
        createdAt: iso(client.created_at),
        createdBy: person(client as unknown as Row, 'creator'),
        anonymisedAt: isoOrNull(client.anonymised_at),
        team: { id: client.team_id, name: client.team_name, municipality: client.municipality },
      },
      trajectory: {
        id: trajectoryId,
        stage,
        stageLabel: STAGE_LABELS[stage],
        state: snapshot.value,
        context: snapshot.context as unknown as Record<string, unknown>,
        version: client.version,
        openedAt: iso(client.opened_at),
        stageEnteredAt: iso(client.stage_entered_at),
        closedAt: isoOrNull(client.closed_at),
        history: history.map((e) => ({
          seq: Number(e.seq),
          type: str(e.type),
          typeLabel: label(EVENT_TYPE_LABELS, str(e.type)),
          fromStage: strOrNull(e.from_stage),
          toStage: str(e.to_stage),
          occurredAt: iso(e.occurred_at),
          by: person(e, 'by'),
          payload: e.payload as Record<string, unknown>,
          anonymisedAt: isoOrNull(e.anonymised_at),
        })),
      },
      deadlines: deadlines.map((d) => ({
        id: str(d.id),
        kind: str(d.kind),
        label: label(DEADLINE_KIND_LABELS, str(d.kind)),
        status: str(d.status),
        dueAt: iso(d.due_at),
        base: str(d.base),
        revision: Number(d.revision),
        createdAt: iso(d.created_at),
        doneAt: isoOrNull(d.done_at),
        steps: steps
          .filter((s) => s.deadline_id === d.id)
          .map((s) => ({
            step: str(s.step),
            revision: Number(s.revision),
            fireAt: iso(s.fire_at),
            status: str(s.status),
            firedAt: isoOrNull(s.fired_at),
            recipients: (s.recipients as string[]) ?? [],
          })),
      })),
      notifications: notifications.map((n) => ({
        id: str(n.id),
        topic: str(n.topic),
        title: str(n.title),
        createdAt: iso(n.created_at),
        readAt: isoOrNull(n.read_at),
        recipient: person(n, 'recipient'),
      })),
      journal: journal.map((j) => ({
        id: str(j.id),
        kind: str(j.kind),
        kindLabel: label(JOURNAL_KIND_LABELS, str(j.kind)),
        category: str(j.category),
        categoryLabel: label(JOURNAL_CATEGORY_LABELS, str(j.category)),
        text: str(j.text),
        occurredAt: iso(j.occurred_at),
        occurredOnDate: Boolean(j.occurred_on_date),
        createdAt: iso(j.created_at),
        author: person(j, 'author'),
      })),
      meetings: meetings.map((m) => {
        const item = m.agenda_item as { position: number; reason: string | null; note: string | null } | null;
        return {
          meetingId: str(m.id),
          startsAt: iso(m.starts_at),
          status: str(m.status),
          location: strOrNull(m.location),
          heldAt: isoOrNull(m.held_at),
          attendees: (m.status === 'held' ? ((m.attendee_ids as string[] | null) ?? []) : []).map(
            (id) => peopleById.get(id) ?? { userId: id, displayName: null, partyKind: null },
          ),
          agendaItem: item
            ? { position: Number(item.position), reason: str(item.reason), note: item.note ?? null }
            : null,
          // Need-to-know holds here too, although the chair who makes the export may see every category.
          records: records
            .filter((r) => r.meeting_id === m.id && categories.includes(recordCategory(r)))
            .map((r) => ({
              id: str(r.id),
              kind: str(r.kind),
              category: recordCategory(r),
              categoryLabel: DATA_CATEGORY_LABELS[recordCategory(r)],
              decisionType: strOrNull(r.decision_type),
              text: str(r.text),
              reasons: strOrNull(r.reasons),
              eventSeq: r.event_seq == null ? null : Number(r.event_seq),
              createdAt: iso(r.created_at),
              author: person(r, 'author'),
            })),
        };
      }),
      actions: actions.map((a) => ({
        id: str(a.id),
        meetingId: strOrNull(a.meeting_id),
        description: str(a.description),
        owner: { partyKind: strOrNull(a.owner_party_kind), person: personOf(a, 'owner') },
        dueDate: str(a.due_date),
        status: str(a.status),
        doneNote: strOrNull(a.done_note),
        doneAt: isoOrNull(a.done_at),
        doneBy: personOf(a, 'doneby'),
        createdAt: iso(a.created_at),
        createdBy: person(a, 'creator'),
      })),
      intake: intake.map((i) => ({
        partyKind: str(i.party_kind),
        partyLabel: label(PARTY_LABELS, str(i.party_kind)),
        answers: i.answers as Record<string, unknown>,
        updatedAt: iso(i.updated_at),
        updatedBy: person(i, 'updater'),
      })),
      invitations: invitations.map((i) => ({
        id: str(i.id),
        party: { id: str(i.party_id), kind: str(i.party_kind), name: str(i.party_name) },
        scope: (i.scope as string[]) ?? [],
        startsAt: iso(i.starts_at),
        endsAt: iso(i.ends_at),
        reason: str(i.reason),
        invitedBy: person(i, 'inviter'),
        createdAt: iso(i.created_at),
        revokedAt: isoOrNull(i.revoked_at),
        revokedBy: personOf(i, 'revoker'),
      })),
      accessLog: accessLog.map((a) => ({
        id: str(a.id),
        occurredAt: iso(a.occurred_at),
        event: str(a.event),
        user: {
          userId: strOrNull(a.user_id),
          displayName: strOrNull(a.user_name),
          partyKind: strOrNull(a.party_kind),
        },
        responsibleUserId: strOrNull(a.responsible_user_id),
        accessPoint: str(a.access_point),
        categories: (a.categories as string[]) ?? [],
        result: str(a.result),
        status: Number(a.status),
        legalBasis: strOrNull(a.legal_basis),
      })),
      legalBasis: legalBasisView(
        legalBasisKindOf(snapshot.context),
        history.map((e) => ({
          seq: Number(e.seq),
          type: str(e.type),
          payload: (e.payload as Record<string, unknown>) ?? {},
          occurredAt: new Date(iso(e.occurred_at)),
          userId: strOrNull(e.by_id),
          userDisplayName: strOrNull(e.by_name),
          partyKind: strOrNull(e.by_party),
        })),
        true,
      ),
      recovery: recoveryExport(recovery),
      budget: budgetExport(budget),
    };
  }
}
