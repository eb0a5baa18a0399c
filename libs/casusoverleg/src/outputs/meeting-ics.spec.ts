import fc from 'fast-check';
import {
  escapeIcsText,
  foldIcsLine,
  formatIcsUtc,
  MeetingIcsInput,
  quoteIcsParam,
  renderMeetingIcs,
  unfoldIcs,
} from './meeting-ics';

function icsInput(overrides: Partial<MeetingIcsInput> = {}): MeetingIcsInput {
  return {
    meetingId: '7d0c6f0e-3f43-4a43-9a38-1c5c4c1f2b10',
    teamName: 'Casusoverleg Zuid',
    // 14:00 in Amsterdam (winter time, UTC+1)
    startsAt: new Date('2026-03-03T13:00:00Z'),
    durationMinutes: 120,
    location: 'Stadhuis, kamer 2.14',
    status: 'planned',
    sequence: 0,
    stampedAt: new Date('2026-02-20T09:15:30.123Z'),
    agendaItemCount: 3,
    organizer: { name: 'Els de Vries', email: 'e.devries@gemeente.example' },
    attendees: [
      { name: 'Noël Ëvers', email: 'noel@verslavingszorg.example' },
      { name: 'Piet Jansen', email: 'p.jansen@politie.example' },
    ],
    ...overrides,
  };
}

/** Content lines after unfolding, without the CRLFs. */
function contentLines(ics: string): string[] {
  return unfoldIcs(ics).split('\r\n').slice(0, -1);
}

/** The value of the first property `name` (unfolded, still escaped). */
function property(ics: string, name: string): string | undefined {
  const line = contentLines(ics).find((l) => l.startsWith(`${name}:`) || l.startsWith(`${name};`));
  return line?.slice(line.indexOf(':', name.length) + 1);
}

/** Reverses RFC 5545 TEXT escaping. */
function unescapeText(value: string): string {
  return value.replace(/\\([\\;,nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}

function physicalLines(ics: string): Buffer[] {
  const bytes = Buffer.from(ics, 'utf8');
  const lines: Buffer[] = [];
  let start = 0;
  for (let i = 0; i < bytes.length - 1; i++) {
    if (bytes[i] === 0x0d && bytes[i + 1] === 0x0a) {
      lines.push(bytes.subarray(start, i));
      start = i + 2;
    }
  }
  expect(start).toBe(bytes.length); // the file ends with CRLF
  return lines;
}

describe('renderMeetingIcs', () => {
  it('is one VCALENDAR with one VEVENT holding the meeting, in UTC', () => {
    const ics = renderMeetingIcs(icsInput());
    expect(contentLines(ics)).toEqual([
      'BEGIN:VCALENDAR',
      'PRODID:-//Koers//Casusoverleg//NL',
      'VERSION:2.0',
      'CALSCALE:GREGORIAN',
      'METHOD:PUBLISH',
      'BEGIN:VEVENT',
      'UID:7d0c6f0e-3f43-4a43-9a38-1c5c4c1f2b10@koers',
      'DTSTAMP:20260220T091530Z',
      'DTSTART:20260303T130000Z',
      'DTEND:20260303T150000Z',
      'SUMMARY:Casusoverleg Zuid',
      'DESCRIPTION:Casusoverleg Zuid.\\ndinsdag 3 maart 2026\\, 14:00–16:00.\\n' +
        'Locatie: Stadhuis\\, kamer 2.14.\\nAgenda: 3 casussen.\\n' +
        'De agenda en het verslag staan in Koers\\, alleen voor de deelnemers.\\n' +
        'Deze uitnodiging bevat bewust geen cliëntgegevens.',
      'LOCATION:Stadhuis\\, kamer 2.14',
      'STATUS:CONFIRMED',
      'SEQUENCE:0',
      'TRANSP:OPAQUE',
      'ORGANIZER;CN="Els de Vries":mailto:e.devries@gemeente.example',
      'ATTENDEE;CN="Noël Ëvers";ROLE=REQ-PARTICIPANT:mailto:noel@verslavingszorg.example',
      'ATTENDEE;CN="Piet Jansen";ROLE=REQ-PARTICIPANT:mailto:p.jansen@politie.example',
      'END:VEVENT',
      'END:VCALENDAR',
    ]);
  });

  it('ends every line with CRLF and has no bare CR or LF', () => {
    const ics = renderMeetingIcs(icsInput({ teamName: 'Team\nmet\rregels\r\nerin' }));
    expect(ics.endsWith('\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });

  it('marks a cancelled meeting CANCELLED and keeps its SEQUENCE', () => {
    const ics = renderMeetingIcs(icsInput({ status: 'cancelled', sequence: 3 }));
    expect(property(ics, 'STATUS')).toBe('CANCELLED');
    expect(property(ics, 'SEQUENCE')).toBe('3');
    expect(property(ics, 'SUMMARY')).toBe('Geannuleerd: Casusoverleg Zuid');
    expect(unescapeText(property(ics, 'DESCRIPTION')!)).toContain('Casusoverleg Zuid is geannuleerd.');
    expect(property(renderMeetingIcs(icsInput({ status: 'held' })), 'STATUS')).toBe('CONFIRMED');
  });

  it('leaves LOCATION out when there is none and counts agenda items in Dutch', () => {
    const ics = renderMeetingIcs(icsInput({ location: null, agendaItemCount: 1 }));
    expect(property(ics, 'LOCATION')).toBeUndefined();
    const description = unescapeText(property(ics, 'DESCRIPTION')!);
    expect(description).toContain('Agenda: 1 casus.');
    expect(description).not.toContain('Locatie');
    const none = unescapeText(property(renderMeetingIcs(icsInput({ agendaItemCount: 0 })), 'DESCRIPTION')!);
    expect(none).toContain('Nog geen casussen op de agenda.');
  });

  it('writes the local time in the description in Europe/Amsterdam (summer time too), DTSTART in UTC', () => {
    const ics = renderMeetingIcs(
      icsInput({ startsAt: new Date('2026-06-30T22:30:00Z'), durationMinutes: 90 }),
    );
    expect(property(ics, 'DTSTART')).toBe('20260630T223000Z');
    expect(property(ics, 'DTEND')).toBe('20260701T000000Z');
    expect(unescapeText(property(ics, 'DESCRIPTION')!)).toContain('woensdag 1 juli 2026, 00:30–02:00.');
  });

  it('gives ORGANIZER and ATTENDEE a quoted CN and a mailto only for a usable address', () => {
    const ics = renderMeetingIcs(
      icsInput({
        organizer: { name: 'Els "de" Vries; Gemeente, Zuid', email: ' els@gemeente.example ' },
        attendees: [
          { name: 'Zonder adres', email: null },
          { name: 'Kapot adres', email: 'geen adres' },
          { name: 'Injectie', email: 'x@y.example\r\nATTENDEE:mailto:z@y.example' },
          { name: 'Noël', email: 'noel@vz.example' },
          { name: 'Noël (dubbel)', email: 'NOEL@vz.example' },
        ],
      }),
    );
    const lines = contentLines(ics);
    expect(lines.filter((l) => l.startsWith('ORGANIZER'))).toEqual([
      `ORGANIZER;CN="Els ^'de^' Vries; Gemeente, Zuid":mailto:els@gemeente.example`,
    ]);
    expect(lines.filter((l) => l.startsWith('ATTENDEE'))).toEqual([
      'ATTENDEE;CN="Noël";ROLE=REQ-PARTICIPANT:mailto:noel@vz.example',
    ]);
    expect(ics).not.toContain('z@y.example');
    expect(ics).not.toContain('Zonder adres');

    const noOrganizer = renderMeetingIcs(icsInput({ organizer: null, attendees: [] }));
    expect(property(noOrganizer, 'ORGANIZER')).toBeUndefined();
    expect(property(noOrganizer, 'ATTENDEE')).toBeUndefined();
  });

  it('escapes TEXT values so that unescaping restores them', () => {
    const teamName = 'Zuid\\Oost; Noord, West';
    const location = 'Kamer 1; gang B, "achter"\\';
    const ics = renderMeetingIcs(icsInput({ teamName, location }));
    expect(property(ics, 'SUMMARY')).toBe('Casusoverleg Zuid\\\\Oost\\; Noord\\, West');
    expect(property(renderMeetingIcs(icsInput({ teamName: 'Team Noord' })), 'SUMMARY')).toBe(
      'Casusoverleg Team Noord',
    );
    expect(property(ics, 'LOCATION')).toBe('Kamer 1\\; gang B\\, "achter"\\\\');
    expect(unescapeText(property(ics, 'SUMMARY')!)).toBe(`Casusoverleg ${teamName}`);
    expect(unescapeText(property(ics, 'LOCATION')!)).toBe(location);
  });

  it('folds long lines at 75 octets without splitting a multi-byte character, and unfolding restores them', () => {
    const teamName = 'Team Zuïd-Oost 🚲 Ĳsselmonde 日本語 '.repeat(6).trim();
    const ics = renderMeetingIcs(icsInput({ teamName, location: 'Café “De Ëik” '.repeat(10).trim() }));
    const lines = physicalLines(ics);
    expect(lines.some((l) => l[0] === 0x20)).toBe(true); // something was folded
    const decoder = new TextDecoder('utf-8', { fatal: true });
    for (const line of lines) {
      expect(line.length).toBeLessThanOrEqual(75);
      expect(() => decoder.decode(line)).not.toThrow(); // no character cut in two
    }
    expect(unescapeText(property(ics, 'SUMMARY')!)).toBe(`Casusoverleg ${teamName}`);
    expect(unescapeText(property(ics, 'LOCATION')!)).toBe('Café “De Ëik” '.repeat(10).trim());
  });

  it('keeps client data out: the input has no field for it and extra fields are ignored', () => {
    const client = 'Zoë Ïnkel';
    const smuggled = {
      ...icsInput(),
      description: `Bespreking ${client}`,
      clientLabel: client,
      summary: client,
      items: [{ clientLabel: client, notes: [{ text: client }] }],
      notes: client,
    };
    const ics = renderMeetingIcs(smuggled);
    expect(unfoldIcs(ics)).not.toContain('Zoë');
    expect(unfoldIcs(ics)).not.toContain('Ïnkel');
    expect(ics).toBe(renderMeetingIcs(icsInput()));

    renderMeetingIcs({
      ...icsInput(),
      // @ts-expect-error -- the type has no description: client data cannot be passed in
      description: client,
    });
  });

  it('refuses values no meeting can have', () => {
    expect(() => renderMeetingIcs(icsInput({ startsAt: new Date(Number.NaN) }))).toThrow(RangeError);
    expect(() => renderMeetingIcs(icsInput({ durationMinutes: 0 }))).toThrow(RangeError);
    expect(() => renderMeetingIcs(icsInput({ sequence: -1 }))).toThrow(RangeError);
    expect(() => renderMeetingIcs(icsInput({ sequence: 1.5 }))).toThrow(RangeError);
    expect(() => renderMeetingIcs(icsInput({ agendaItemCount: -2 }))).toThrow(RangeError);
    expect(() => renderMeetingIcs(icsInput({ meetingId: ' ' }))).toThrow(RangeError);
  });
});

describe('iCalendar helpers', () => {
  it('escapes backslash, semicolon, comma and every kind of line break in TEXT', () => {
    expect(escapeIcsText('a\\b;c,d\ne\r\nf\rg')).toBe('a\\\\b\\;c\\,d\\ne\\nf\\ng');
    expect(escapeIcsText('bel\u0007l\u0000')).toBe('bell');
  });

  it('quotes parameter values with RFC 6868 caret encoding', () => {
    expect(quoteIcsParam('Jan "JJ" de^Vries\nB.V.')).toBe(`"Jan ^'JJ^' de^^Vries^nB.V."`);
    expect(quoteIcsParam('a;b:c,d')).toBe('"a;b:c,d"');
  });

  it('writes UTC date-times without milliseconds', () => {
    expect(formatIcsUtc(new Date('2026-12-31T23:59:59.999Z'))).toBe('20261231T235959Z');
  });

  it('folds any text into lines of at most 75 octets that unfold to the original (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 400 }),
        fc.constantFrom('', 'DESCRIPTION:'),
        (text, name) => {
          const line = name + text.replace(/[\r\n]/g, '');
          const folded = foldIcsLine(line);
          for (const physical of folded.split('\r\n')) {
            expect(Buffer.byteLength(physical, 'utf8')).toBeLessThanOrEqual(75);
          }
          expect(unfoldIcs(folded)).toBe(line);
        },
      ),
    );
  });
});
