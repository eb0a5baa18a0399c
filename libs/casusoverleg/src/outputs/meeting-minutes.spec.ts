import { contentStreams, decodeWinAnsi } from '../../../../test/support/pdf-text';
import fc from 'fast-check';
import {
  escapeMarkdownInline,
  formatDutchDay,
  MinutesInput,
  renderMinutesMarkdown,
  renderMinutesPdf,
  toWinAnsi,
} from './meeting-minutes';

function minutesInput(overrides: Partial<MinutesInput> = {}): MinutesInput {
  return {
    teamName: 'Casusoverleg Zuid',
    meeting: {
      id: 'meeting-1',
      // 14:00 in Amsterdam (winter time, UTC+1)
      startsAt: new Date('2026-03-03T13:00:00Z'),
      durationMinutes: 120,
      location: 'Stadhuis, kamer 2.14',
      status: 'held',
    },
    chairName: 'Els de Vries',
    participants: [
      { displayName: 'Els de Vries', partyLabel: 'Gemeente' },
      { displayName: 'Noël Ëvers', partyLabel: 'Verslavingszorg' },
      { displayName: 'Piet Jansen', partyLabel: 'Politie' },
    ],
    items: [
      {
        position: 2,
        clientLabel: 'Anna Bakker',
        reasonLabel: 'Nieuwe casus',
        stageLabel: 'Signaal',
        notes: [],
        decisions: [],
        actions: [],
      },
      {
        position: 1,
        clientLabel: 'Zoë Ïnkel',
        reasonLabel: 'Geëscaleerd',
        stageLabel: 'Wachtlijst',
        notes: [{ text: 'Wacht al zes weken op opname; contact is goed.', authorName: 'Noël Ëvers' }],
        decisions: [
          {
            summary: 'Opname met spoed regelen',
            reasons: 'Zonder opname dreigt terugval; nazorg is voorbereid.',
            authorName: 'Els de Vries',
          },
        ],
        actions: [
          {
            description: 'Borg privékliniek betalen',
            ownerLabel: 'Gemeente',
            dueDate: '2026-03-10',
            status: 'open',
          },
          {
            description: 'Postadres verlengen',
            ownerLabel: 'Verslavingszorg',
            dueDate: '2026-03-05',
            status: 'done',
          },
        ],
      },
    ],
    generatedAt: new Date('2026-03-03T15:05:00Z'),
    ...overrides,
  };
}

/** Removes backslash escapes; what is left must hold none of the characters that were to be escaped. */
function unescaped(markdown: string): string {
  return markdown.replace(/\\[\s\S]/g, '');
}

describe('renderMinutesMarkdown', () => {
  it('has the Dutch structure: title, meeting details, participants, agenda and per case notes, decisions, actions', () => {
    const md = renderMinutesMarkdown(minutesInput());
    const headings = md.split('\n').filter((line) => line.startsWith('#'));
    expect(headings).toEqual([
      '# Verslag casusoverleg – Casusoverleg Zuid',
      '## Aanwezigen',
      '## Agenda',
      '## Besproken casussen',
      '### 1. Zoë Ïnkel',
      '#### Notities',
      '#### Besluiten',
      '#### Acties',
      '### 2. Anna Bakker',
      '#### Notities',
      '#### Besluiten',
      '#### Acties',
    ]);
    expect(md).toContain('**Datum:** dinsdag 3 maart 2026');
    expect(md).toContain('**Tijd:** 14:00–16:00 (120 minuten)');
    expect(md).toContain('**Locatie:** Stadhuis, kamer 2.14');
    expect(md).toContain('**Voorzitter:** Els de Vries');
    expect(md).toContain('**Status:** Gehouden');
    expect(md).toContain('> **Vertrouwelijk.**');
    expect(md).toContain('- Noël Ëvers (Verslavingszorg)');
    expect(md).toContain(
      '1. Zoë Ïnkel: Geëscaleerd (fase: Wachtlijst)\n2. Anna Bakker: Nieuwe casus (fase: Signaal)',
    );
    expect(md).toContain('- Wacht al zes weken op opname; contact is goed.\\\n  _Noël Ëvers_');
    expect(md).toContain(
      '1. **Opname met spoed regelen**\\\n' +
        '   Onderbouwing: Zonder opname dreigt terugval; nazorg is voorbereid.\\\n' +
        '   Vastgelegd door: Els de Vries',
    );
    expect(md).toContain(
      '- [ ] Borg privékliniek betalen\\\n  Eigenaar: Gemeente · Uiterlijk: 10 maart 2026 · Status: open',
    );
    expect(md).toContain(
      '- [x] Postadres verlengen\\\n  Eigenaar: Verslavingszorg · Uiterlijk: 5 maart 2026 · Status: afgerond',
    );
    expect(md).toContain('Geen notities.');
    expect(md).toContain('Geen besluiten.');
    expect(md).toContain('Geen acties.');
    expect(md).toContain('_Gegenereerd door Koers op 3 maart 2026 om 16:05._');
    expect(md.endsWith('\n')).toBe(true);
  });

  it('shows times in Europe/Amsterdam, also in summer time', () => {
    const input = minutesInput();
    input.meeting = { ...input.meeting, startsAt: new Date('2026-06-30T22:30:00Z'), durationMinutes: 90 };
    const md = renderMinutesMarkdown(input);
    expect(md).toContain('**Datum:** woensdag 1 juli 2026');
    expect(md).toContain('**Tijd:** 00:30–02:00 (90 minuten)');
  });

  it('leaves out an unknown location and chair, says so for a cancelled meeting or an empty agenda', () => {
    const input = minutesInput({ chairName: null, items: [], participants: [] });
    input.meeting = { ...input.meeting, location: null, status: 'cancelled' };
    const md = renderMinutesMarkdown(input);
    expect(md).not.toContain('**Locatie:**');
    expect(md).not.toContain('**Voorzitter:**');
    expect(md).toContain('**Status:** Geannuleerd');
    expect(md).toContain('**Dit casusoverleg is geannuleerd.**');
    expect(md).toContain('Geen aanwezigen vastgelegd.');
    expect(md).toContain('Er stonden geen casussen op de agenda.');
    expect(md).not.toContain('## Besproken casussen');
  });

  it('escapes Markdown in user text so it cannot add emphasis, links, HTML or structure', () => {
    const input = minutesInput({
      teamName: 'Team *Zuid* #1',
      chairName: '<b>Els</b>',
      participants: [{ displayName: 'Piet [agent](http://x.nl)', partyLabel: 'Politie | wijk' }],
    });
    input.items[1].clientLabel = 'Jan_de_Vries `code` ~~weg~~';
    input.items[1].notes = [
      {
        text: '# geen kop\n- geen lijst\n> geen citaat\n1. geen nummer\n---\n    geen code\n&amp; geen entiteit',
        authorName: 'A*',
      },
    ];
    input.items[1].decisions[0].reasons = 'eerste regel\n+ tweede regel\\';
    const md = renderMinutesMarkdown(input);

    expect(md).toContain('# Verslag casusoverleg – Team \\*Zuid\\* \\#1');
    expect(md).toContain('**Voorzitter:** \\<b\\>Els\\</b\\>');
    expect(md).toContain('- Piet \\[agent\\](http://x.nl) (Politie \\| wijk)');
    expect(md).toContain('### 1. Jan\\_de\\_Vries \\`code\\` \\~\\~weg\\~\\~');
    expect(md).toContain(
      '- \\# geen kop\\\n  \\- geen lijst\\\n  \\> geen citaat\\\n  1\\. geen nummer\\\n  \\---\\\n' +
        '  geen code\\\n  \\&amp; geen entiteit\\\n  _A\\*_',
    );
    expect(md).toContain('Onderbouwing: eerste regel\\\n   \\+ tweede regel\\\\\\\n   Vastgelegd door');
    // Every '#' heading in the output is one of ours.
    expect(md.split('\n').filter((l) => /^\s*#/.test(l))).toHaveLength(12);
  });

  it('escapes every character that could start inline Markdown, for any text (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (text) => {
        const escaped = escapeMarkdownInline(text);
        expect(escaped).not.toMatch(/\n/);
        expect(unescaped(escaped)).not.toMatch(/[*_`[\]<>#|~\\]/);
        expect(unescaped(escaped)).not.toMatch(/^[+\-=]|^\d+[.)]|&#?[0-9A-Za-z]+;/);
      }),
    );
  });

  it('formats due dates as Dutch days and leaves anything else as it is', () => {
    expect(formatDutchDay('2026-12-01')).toBe('1 december 2026');
    expect(formatDutchDay('2026-02-30')).toBe('2026-02-30');
    expect(formatDutchDay('morgen')).toBe('morgen');
  });

  it('refuses input no meeting can have', () => {
    const input = minutesInput();
    input.meeting = { ...input.meeting, startsAt: new Date('not a date') };
    expect(() => renderMinutesMarkdown(input)).toThrow(RangeError);
    const noDuration = minutesInput();
    noDuration.meeting = { ...noDuration.meeting, durationMinutes: 0 };
    expect(() => renderMinutesMarkdown(noDuration)).toThrow(RangeError);
  });
});

// --- PDF -------------------------------------------------------------------------------------------

/**
 * The text lines the PDF shows. pdfkit places every run with its own text matrix (`1 0 0 1 x y Tm`); runs on
 * the same baseline of the same page are one line (joined by a space: the gap between them is not known).
 */
function pdfLines(pdf: Buffer): string[] {
  const lines: string[] = [];
  for (const stream of contentStreams(pdf)) {
    let lastY: string | null = null;
    for (const op of stream.matchAll(
      /1 0 0 1 [\d.-]+ ([\d.-]+) Tm[^[<]*(?:\[([^\]]*)\]\s*TJ|<([0-9a-fA-F]*)>\s*Tj)/g,
    )) {
      const hex =
        op[2] !== undefined ? [...op[2].matchAll(/<([0-9a-fA-F]*)>/g)].map((m) => m[1]).join('') : op[3];
      const text = decodeWinAnsi(Buffer.from(hex, 'hex'));
      if (op[1] === lastY) lines[lines.length - 1] += ` ${text}`;
      else lines.push(text);
      lastY = op[1];
    }
  }
  return lines;
}

const FOOTER = /^Verslag casusoverleg – .* · Vertrouwelijk Pagina \d+ van \d+$/;

/**
 * All shown text as one string without whitespace, so wrapped sentences and runs in other fonts can be found
 * whole. Page footers (drawn last on each page) are left out, so a sentence broken over two pages reads on.
 */
function pdfSquashed(pdf: Buffer): string {
  return squash(
    pdfLines(pdf)
      .filter((line) => !FOOTER.test(line))
      .join(''),
  );
}
function squash(text: string): string {
  return text.replace(/\s+/g, '');
}
function expectPdfText(pdf: Buffer, expected: string[]): void {
  const text = pdfSquashed(pdf);
  for (const e of expected) expect(text).toContain(squash(e));
}

function pageCount(pdf: Buffer): number {
  return (pdf.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length;
}

function expectValidPdf(pdf: Buffer): void {
  expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  expect(pdf.toString('latin1').trimEnd().endsWith('%%EOF')).toBe(true);
  expect(pdf.toString('latin1')).toMatch(/\/MediaBox \[0 0 595\.28 841\.89\]/); // A4
}

describe('renderMinutesPdf', () => {
  it('is a valid A4 PDF whose text, with Dutch diacritics, can be read back (uncompressed)', async () => {
    const pdf = await renderMinutesPdf(minutesInput(), { compress: false });
    expectValidPdf(pdf);
    expectPdfText(pdf, [
      'Verslag casusoverleg',
      'Casusoverleg Zuid',
      'dinsdag 3 maart 2026',
      '14:00–16:00 (120 minuten)',
      'Aanwezigen',
      'Noël Ëvers (Verslavingszorg)',
      'Agenda',
      'Zoë Ïnkel: Geëscaleerd (fase: Wachtlijst)',
      'Besproken casussen',
      '1. Zoë Ïnkel',
      'Notities',
      'Wacht al zes weken op opname; contact is goed.',
      'Besluiten',
      'Opname met spoed regelen',
      'Onderbouwing: Zonder opname dreigt terugval; nazorg is voorbereid.',
      'Acties',
      'Borg privékliniek betalen',
      'Eigenaar: Gemeente · Uiterlijk: 10 maart 2026 · Status: open',
      'Geen notities.',
      'Vertrouwelijk',
    ]);
    expect(pdfLines(pdf)).toContain(
      `Verslag casusoverleg – Casusoverleg Zuid, 3 maart 2026 · Vertrouwelijk Pagina 1 van ${pageCount(pdf)}`,
    );
    expect(pdf.toString('latin1')).toContain('/BaseFont /Helvetica');
    expect(pdf.toString('latin1')).toContain('/Encoding /WinAnsiEncoding');
  });

  it('is compressed by default and still valid and readable', async () => {
    const compressed = await renderMinutesPdf(minutesInput());
    const plain = await renderMinutesPdf(minutesInput(), { compress: false });
    expectValidPdf(compressed);
    expect(compressed.toString('latin1')).toContain('/FlateDecode');
    expect(compressed.length).toBeLessThan(plain.length);
    expectPdfText(compressed, ['Zoë Ïnkel: Geëscaleerd (fase: Wachtlijst)']);
  });

  it('wraps long text, breaks pages and numbers every page', async () => {
    const sentence = 'Cliënt is gemotiveerd voor klinische detox; de bewindvoerder regelt het budget. ';
    const input = minutesInput();
    input.items = Array.from({ length: 8 }, (_, i) => ({
      ...input.items[1],
      position: i,
      clientLabel: `Cliënt ${i + 1}`,
      notes: [
        { text: `${sentence.repeat(i === 3 ? 80 : 8)}Einde notitie ${i + 1}.`, authorName: 'Noël Ëvers' },
      ],
    }));
    const pdf = await renderMinutesPdf(input, { compress: false });
    expectValidPdf(pdf);
    const pages = pageCount(pdf);
    expect(pages).toBeGreaterThan(3);
    const lines = pdfLines(pdf);
    for (let page = 1; page <= pages; page++) {
      expect(lines).toContain(
        `Verslag casusoverleg – Casusoverleg Zuid, 3 maart 2026 · Vertrouwelijk Pagina ${page} van ${pages}`,
      );
    }
    // Long notes are wrapped into lines that fit the page, and all of the text is there.
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThan(120);
    const text = pdfSquashed(pdf);
    for (let i = 1; i <= 8; i++) expect(text).toContain(squash(`Einde notitie ${i}.`));
    expect(text.split(squash(sentence)).length - 1).toBe(7 * 8 + 80);
  });

  it('shows text outside WinAnsiEncoding as a look-alike instead of garbage', async () => {
    const input = minutesInput({ teamName: 'Team → Noord ő 😀 e\u0301' });
    expect(pdfLines(await renderMinutesPdf(input, { compress: false }))).toContain('Team -> Noord o ? é');
    expect(toWinAnsi('Ĳssel “citaat” – €5 • ok ﬁ\u0007')).toBe('IJssel “citaat” – €5 • ok fi');
  });

  it('keeps client names out of the PDF metadata', async () => {
    const pdf = await renderMinutesPdf(minutesInput(), { compress: false });
    const raw = pdf.toString('latin1');
    const titleRef = raw.match(/\/Title (\d+) 0 R/)?.[1];
    const titleObject =
      raw.match(new RegExp(`\\n${titleRef} 0 obj\\n\\(([\\s\\S]*?)\\)\\nendobj`))?.[1] ?? '';
    const title = Buffer.from(titleObject.replace(/\\([\s\S])/g, '$1'), 'latin1');
    expect(title.subarray(0, 2)).toEqual(Buffer.from([0xfe, 0xff])); // UTF-16BE
    expect(title.subarray(2).swap16().toString('utf16le')).toBe(
      'Verslag casusoverleg – Casusoverleg Zuid, 3 maart 2026',
    );
    // Client names are only in the page content (hex-encoded glyphs), in no string of the document.
    for (const name of ['Zoë Ïnkel', 'Anna Bakker']) {
      expect(raw).not.toContain(name);
      expect(pdf.includes(Buffer.from(name, 'utf16le').swap16())).toBe(false);
    }
  });

  it('rejects input no meeting can have', async () => {
    const input = minutesInput({ generatedAt: new Date(Number.NaN) });
    await expect(renderMinutesPdf(input)).rejects.toThrow(RangeError);
  });
});
