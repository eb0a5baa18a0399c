import { pdfText, squashed } from '../../../test/support/pdf-text';
import { type ClientSummaryInput, renderClientSummaryPdf } from './client-summary.pdf';

const at = new Date('2026-11-02T10:00:00Z');

function full(): ClientSummaryInput {
  return {
    generatedAt: at,
    reader: { displayName: 'Noël Voorzitter', partyLabel: 'Gemeente' },
    client: { displayName: 'Demo Z. Zuid', teamName: 'Casusoverleg Zuid' },
    visibleLabels: ['Identiteit en fase', 'Traject', 'Gezondheid', 'Wonen', 'Financiën'],
    stage: { label: 'Nazorg', enteredAt: new Date('2026-08-01T10:00:00Z'), daysInStage: 93, closedAt: null },
    blockers: [{ message: 'Er is nog geen daginvulling.', liftedBy: 'Verslavingszorg' }],
    nextDeadline: {
      label: 'Evaluatie driepartijenovereenkomst',
      dueAt: new Date('2026-12-01T08:00:00Z'),
      overdue: false,
    },
    actions: [{ description: 'Huisbezoek plannen', owner: 'Politie', dueDate: '2026-11-10', overdue: false }],
    decisions: [{ at, text: 'Traject gaat door', reasons: 'Gaat goed met wonen' }],
    housing: {
      kind: 'Sociale huurwoning',
      agreement: {
        landlord: 'Woonstichting Zuid',
        careProvider: 'Verslavingszorg Zuid',
        startDate: '2026-09-01',
        evaluationDue: '2026-12-01',
      },
    },
    finances: { arrangement: 'Budgetbeheer (Stadsbank)', postalAddressUntil: null },
    recovery: [
      {
        name: 'BARC-10',
        range: { min: 10, max: 60 },
        count: 3,
        completeCount: 2,
        first: { date: '2026-08-05', total: 38 },
        last: { date: '2026-10-28', total: 49 },
        change: 11,
        threshold: { atLeast: 47, label: 'boven de drempel uit de validatiestudie', reached: true },
      },
      {
        name: 'MHQoL',
        range: { min: 0, max: 21 },
        count: 0,
        completeCount: 0,
        first: null,
        last: null,
        change: null,
        threshold: null,
      },
    ],
  };
}

describe('client summary PDF', () => {
  it('shows stage, blockers, next deadline, actions, decisions, housing, finances and the recovery trend on one page', async () => {
    const content = pdfText(await renderClientSummaryPdf(full(), { compress: false }));
    for (const expected of [
      'Cliëntoverzicht',
      'Demo Z. Zuid',
      'Fase:Nazorg, 93 dagen (sinds 1 augustus 2026)',
      'Evaluatie driepartijenovereenkomst',
      'Er is nog geen daginvulling. (Verslavingszorg)',
      'Huisbezoek plannen — Politie, uiterlijk 10 november 2026',
      'Traject gaat door. Onderbouwing: Gaat goed met wonen',
      'Woonstichting Zuid en Verslavingszorg Zuid, vanaf 1 september 2026; evaluatie uiterlijk 1 december 2026',
      'Schuldregeling:Budgetbeheer (Stadsbank)',
      'Herstel (metingen)',
      'BARC-10:laatste 49 (10–60) op 28 oktober 2026; eerste 38 op 5 augustus 2026, verschil +11; boven de drempel uit de validatiestudie (47 of meer)',
      'Pagina 1 van 1',
    ]) {
      expect(content).toContain(squashed(expected));
    }
    expect(content).not.toContain('MHQoL:');
  });

  it('leaves out whole sections the reader may not see (the police: no health, no finances)', async () => {
    const police: ClientSummaryInput = {
      ...full(),
      reader: { displayName: 'Agent', partyLabel: 'Politie' },
      visibleLabels: ['Identiteit en fase', 'Traject', 'Wonen'],
      finances: null,
      recovery: null,
    };
    const content = pdfText(await renderClientSummaryPdf(police, { compress: false }));
    expect(content).not.toContain(squashed('Herstel'));
    expect(content).not.toContain('BARC');
    expect(content).not.toContain(squashed('Schuldregeling'));
    expect(content).toContain(
      squashed('Dit overzicht toont alleen wat Politie mag zien: Identiteit en fase, Traject, Wonen.'),
    );
  });

  it('stays on one page however much there is, and says so when it left things out', async () => {
    const long = 'Een lange beschrijving van wat er moet gebeuren en door wie, met veel details. '.repeat(4);
    const crowded: ClientSummaryInput = {
      ...full(),
      blockers: Array.from({ length: 13 }, () => ({ message: long, liftedBy: 'Gemeente' })),
      actions: Array.from({ length: 20 }, (_, i) => ({
        description: `${i}: ${long}`,
        owner: 'Gemeente',
        dueDate: '2026-11-10',
        overdue: true,
      })),
      decisions: Array.from({ length: 3 }, () => ({ at, text: long, reasons: long })),
    };
    const content = pdfText(await renderClientSummaryPdf(crowded, { compress: false }));
    expect(content).toContain(squashed('Pagina 1 van 1'));
    expect(content).toContain(squashed('Niet alles past op één pagina'));
  });
});
