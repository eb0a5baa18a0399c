import { Injectable } from '@nestjs/common';
import { PARTY_LABELS, type Party } from '@koers/machines/trajectory';
import type { Actor } from '@koers/access';
import { Clock } from '@koers/clock';
import { MeetingsRepository } from './meetings.repository';
import { MeetingsService } from './meetings.service';
import { MinutesInput, renderMeetingIcs, renderMinutesMarkdown, renderMinutesPdf } from './outputs';

const partyLabel = (kind: string) => PARTY_LABELS[kind as Party] ?? kind;

/** Minutes (Markdown, PDF) and the calendar file of a meeting, assembled from what the meeting recorded. */
@Injectable()
export class MeetingOutputsService {
  constructor(
    private readonly meetings: MeetingsService,
    private readonly repository: MeetingsRepository,
    private readonly clock: Clock,
  ) {}

  async minutes(actor: Actor, meetingId: string, format: 'md' | 'pdf'): Promise<string | Buffer> {
    const input = await this.minutesInput(actor, meetingId);
    return format === 'pdf' ? renderMinutesPdf(input) : renderMinutesMarkdown(input);
  }

  async ics(actor: Actor, meetingId: string): Promise<string> {
    const meeting = await this.meetings.get(actor, meetingId);
    const [members, agenda] = await Promise.all([
      this.repository.members(meeting.team.id),
      this.meetings.agenda(actor, meetingId),
    ]);
    const chair = members.find((m) => m.role === 'chair');
    return renderMeetingIcs({
      meetingId: meeting.id,
      teamName: meeting.team.name,
      startsAt: new Date(meeting.startsAt),
      durationMinutes: meeting.durationMinutes,
      location: meeting.location,
      status: meeting.status as 'planned' | 'held' | 'cancelled',
      sequence: meeting.sequence,
      stampedAt: this.clock.now(),
      agendaItemCount: agenda.items.length,
      organizer: chair ? { name: chair.displayName, email: chair.email } : null,
      attendees: members.map((m) => ({ name: m.displayName, email: m.email })),
    });
  }

  private async minutesInput(actor: Actor, meetingId: string): Promise<MinutesInput> {
    const meeting = await this.meetings.get(actor, meetingId);
    const [members, agenda] = await Promise.all([
      this.repository.members(meeting.team.id),
      this.meetings.agenda(actor, meetingId),
    ]);
    const attending =
      meeting.status === 'held' ? members.filter((m) => meeting.attendeeIds.includes(m.userId)) : members;
    const items = agenda.items.map((item) => ({
      position: item.position,
      clientLabel: item.displayName,
      reasonLabel: item.reasonLabel,
      stageLabel: item.stageLabel,
      clientId: item.clientId,
    }));
    // Clients the meeting recorded something about without their being on the agenda still get a section.
    const extra = [...new Set([...meeting.records, ...meeting.actions].map((r) => r.clientId))].filter(
      (id) => !items.some((i) => i.clientId === id),
    );
    const extraClients = await this.repository.clients(meeting.team.id, extra);
    for (const client of extraClients) {
      items.push({
        position: items.length + 1,
        clientLabel: client.displayName,
        reasonLabel: 'Besproken buiten de agenda',
        stageLabel: client.stage,
        clientId: client.id,
      });
    }
    return {
      teamName: meeting.team.name,
      meeting: {
        id: meeting.id,
        startsAt: new Date(meeting.startsAt),
        durationMinutes: meeting.durationMinutes,
        location: meeting.location,
        status: meeting.status as 'planned' | 'held' | 'cancelled',
      },
      chairName: members.find((m) => m.role === 'chair')?.displayName ?? null,
      participants: attending.map((m) => ({
        displayName: m.displayName,
        partyLabel: partyLabel(m.partyKind),
      })),
      items: items.map(({ clientId, ...item }) => ({
        ...item,
        notes: meeting.records
          .filter((r) => r.clientId === clientId && r.kind === 'note')
          .map((r) => ({ text: r.text, authorName: r.author.displayName })),
        decisions: meeting.records
          .filter((r) => r.clientId === clientId && r.kind === 'decision')
          .map((r) => ({ summary: r.text, reasons: r.reasons ?? '', authorName: r.author.displayName })),
        actions: meeting.actions
          .filter((a) => a.clientId === clientId)
          .map((a) => ({
            description: a.description,
            ownerLabel: a.owner.displayName ?? a.owner.partyLabel ?? '',
            dueDate: a.dueDate,
            status: a.status as 'open' | 'done',
          })),
      })),
      generatedAt: this.clock.now(),
    };
  }
}
