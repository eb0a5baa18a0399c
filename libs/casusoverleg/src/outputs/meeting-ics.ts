import { formatDutchDate, formatDutchTimeRange } from './meeting-minutes';
/**
 * An iCalendar (RFC 5545) file for one casusoverleg, to put the meeting in the participants' calendars.
 *
 * Privacy: calendars are synced to phones and shared with secretaries, so the file describes the meeting only
 * (team, time, place, how many cases are on the agenda) and never a client. The input type has no field that
 * could carry client data, not even a free description, and the renderer reads only the fields named below:
 * extra properties on the object passed in are ignored.
 */
export interface MeetingIcsInput {
  meetingId: string;
  teamName: string;
  startsAt: Date;
  durationMinutes: number;
  /** Where the meeting is held (a room, an address or 'Online'); not where a client lives. */
  location: string | null;
  status: 'planned' | 'held' | 'cancelled';
  /** RFC 5545 SEQUENCE: raise it each time the time, place or status changes, so calendars take the update. */
  sequence: number;
  /** DTSTAMP: when this version of the invitation was made. */
  stampedAt: Date;
  agendaItemCount: number;
  organizer: { name: string; email: string | null } | null;
  attendees: { name: string; email: string | null }[];
}

export const ICS_PRODID = '-//Koers//Casusoverleg//NL';
const CRLF = '\r\n';
const MAX_LINE_OCTETS = 75;

/** NFC, lone surrogates replaced, control characters other than tab and line breaks dropped. */
function cleanText(text: string): string {
  return (
    text
      .normalize('NFC')
      .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '')
  );
}

/** RFC 5545 §3.3.11 TEXT: backslash, semicolon and comma escaped, every line break written as `\n`. */
export function escapeIcsText(text: string): string {
  return cleanText(text)
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

/** A parameter value (e.g. CN), always quoted; RFC 6868 caret encoding for quotes, line breaks and carets. */
export function quoteIcsParam(value: string): string {
  const encoded = cleanText(value)
    .replace(/\^/g, '^^')
    .replace(/\r\n|\r|\n/g, '^n')
    .replace(/"/g, "^'")
    .replace(/\t/g, ' ');
  return `"${encoded}"`;
}

function utf8Length(codePoint: number): number {
  return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
}

/**
 * RFC 5545 §3.1 folding: no line longer than 75 octets (excluding the CRLF); each continuation line starts
 * with one space, which counts towards its 75. Splits only between characters, never inside a multi-byte one.
 */
export function foldIcsLine(line: string): string {
  const lines: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = utf8Length(char.codePointAt(0)!);
    if (octets + size > MAX_LINE_OCTETS) {
      lines.push(current);
      current = ' ';
      octets = 1;
    }
    current += char;
    octets += size;
  }
  lines.push(current);
  return lines.join(CRLF);
}

/** Undoes folding: a CRLF followed by one space or tab is removed (RFC 5545 §3.1). */
export function unfoldIcs(ics: string): string {
  return ics.replace(/\r\n[ \t]/g, '');
}

/** '20260303T130000Z' */
export function formatIcsUtc(date: Date): string {
  return date
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');
}

const EMAIL = /^[^\s@"<>()[\]\\,;:]+@[^\s@"<>()[\]\\,;:]+\.[^\s@"<>()[\]\\,;:]+$/;

/** The mailto: URI for a plausible e-mail address; null for none or anything that is not one. */
function mailto(email: string | null): string | null {
  const trimmed = email?.trim() ?? '';
  return EMAIL.test(trimmed) ? `mailto:${trimmed}` : null;
}

function assertValidDate(value: Date, what: string): void {
  if (!(value instanceof Date) || Number.isNaN(value.getTime()))
    throw new RangeError(`${what} is not a valid date`);
}

function oneLine(text: string): string {
  return cleanText(text).replace(/\s+/g, ' ').trim();
}

function casesOnAgenda(count: number): string {
  if (count === 0) return 'Nog geen casussen op de agenda.';
  return count === 1 ? 'Agenda: 1 casus.' : `Agenda: ${count} casussen.`;
}

export function renderMeetingIcs(input: MeetingIcsInput): string {
  // Read each field explicitly: nothing else on the object can reach the file.
  const { meetingId, startsAt, durationMinutes, stampedAt, sequence, agendaItemCount, status } = input;
  assertValidDate(startsAt, 'startsAt');
  assertValidDate(stampedAt, 'stampedAt');
  if (!Number.isFinite(durationMinutes) || durationMinutes <= 0) {
    throw new RangeError('durationMinutes must be positive');
  }
  if (!Number.isInteger(sequence) || sequence < 0)
    throw new RangeError('sequence must be a whole number >= 0');
  if (!Number.isInteger(agendaItemCount) || agendaItemCount < 0) {
    throw new RangeError('agendaItemCount must be a whole number >= 0');
  }
  if (oneLine(meetingId) === '') throw new RangeError('meetingId is empty');

  const teamName = oneLine(input.teamName);
  const location = input.location === null ? '' : oneLine(input.location);
  const endsAt = new Date(startsAt.getTime() + durationMinutes * 60_000);
  const cancelled = status === 'cancelled';

  // Team names often say 'Casusoverleg' themselves ('Casusoverleg Middelen Voorbeeldstad').
  const title = /casusoverleg/i.test(teamName) ? teamName : `Casusoverleg ${teamName}`;
  const summary = `${cancelled ? 'Geannuleerd: ' : ''}${title}`;
  const description = [
    cancelled ? `${title} is geannuleerd.` : `${title}.`,
    `${formatDutchDate(startsAt)}, ${formatDutchTimeRange(startsAt, endsAt)}.`,
    ...(location ? [`Locatie: ${location}.`] : []),
    ...(cancelled ? [] : [casesOnAgenda(agendaItemCount)]),
    'De agenda en het verslag staan in Koers, alleen voor de deelnemers.',
    'Deze uitnodiging bevat bewust geen cliëntgegevens.',
  ].join('\n');

  const lines = [
    'BEGIN:VCALENDAR',
    `PRODID:${ICS_PRODID}`,
    'VERSION:2.0',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    'BEGIN:VEVENT',
    `UID:${escapeIcsText(oneLine(meetingId))}@koers`,
    `DTSTAMP:${formatIcsUtc(stampedAt)}`,
    `DTSTART:${formatIcsUtc(startsAt)}`,
    `DTEND:${formatIcsUtc(endsAt)}`,
    `SUMMARY:${escapeIcsText(summary)}`,
    `DESCRIPTION:${escapeIcsText(description)}`,
  ];
  if (location) lines.push(`LOCATION:${escapeIcsText(location)}`);
  lines.push(`STATUS:${cancelled ? 'CANCELLED' : 'CONFIRMED'}`, `SEQUENCE:${sequence}`, 'TRANSP:OPAQUE');

  const organizer = input.organizer;
  const organizerUri = organizer ? mailto(organizer.email) : null;
  if (organizer && organizerUri)
    lines.push(`ORGANIZER;CN=${quoteIcsParam(oneLine(organizer.name))}:${organizerUri}`);

  const seen = new Set<string>();
  for (const attendee of input.attendees) {
    const uri = mailto(attendee.email);
    if (!uri || seen.has(uri.toLowerCase())) continue; // an ATTENDEE needs an address; one line per address
    seen.add(uri.toLowerCase());
    lines.push(`ATTENDEE;CN=${quoteIcsParam(oneLine(attendee.name))};ROLE=REQ-PARTICIPANT:${uri}`);
  }
  lines.push('END:VEVENT', 'END:VCALENDAR');

  return lines.map(foldIcsLine).join(CRLF) + CRLF;
}
