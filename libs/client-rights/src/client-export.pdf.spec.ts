import { pdfText, squashed } from '../../../test/support/pdf-text';
import { formatValue, renderClientExportPdf } from './client-export.pdf';
import type { ClientExport } from './client-export.types';

const person = (displayName: string, partyKind: string) => ({ userId: null, displayName, partyKind });

function sample(entries = 3): ClientExport {
  const at = '2026-03-03T13:00:00.000Z';
  return {
    format: 'koers.client-export',
    version: 1,
    generatedAt: at,
    generatedBy: person('Noël Voorzitter', 'municipality'),
    client: {
      id: '00000000-0000-4000-8000-000000000001',
      displayName: 'Zoë Ïnkel',
      birthDate: '1980-05-17',
      bsn: null,
      createdAt: at,
      createdBy: person('Noël Voorzitter', 'municipality'),
      anonymisedAt: null,
      team: {
        id: '00000000-0000-4000-8000-000000000002',
        name: 'Casusoverleg Zuid',
        municipality: 'Testgemeente',
      },
    },
    trajectory: {
      id: '00000000-0000-4000-8000-000000000003',
      stage: 'motivation',
      stageLabel: 'Motivatie',
      state: 'motivation',
      context: {
        inclusion: { included: true, criteria: ['resident'], reasons: 'Ernstige zorgen', override: null },
        contacts: 2,
        preparedAftercare: [],
      },
      version: 3,
      openedAt: at,
      stageEnteredAt: at,
      closedAt: null,
      history: Array.from({ length: entries }, (_, i) => ({
        seq: i + 1,
        type: 'CONTACT_LOGGED',
        typeLabel: 'Contact vastgelegd',
        fromStage: 'motivation',
        toStage: 'motivation',
        occurredAt: at,
        by: person('Fleur Verslavingszorg', 'addiction_care'),
        payload: {
          channel: 'visit',
          note: `Bezoek nummer ${i + 1}: gesprek over de wachtlijst en de nazorg.`,
        },
        anonymisedAt: null,
      })),
    },
    deadlines: [],
    notifications: [],
    journal: [],
    meetings: [],
    actions: [],
    intake: [
      {
        partyKind: 'police',
        partyLabel: 'Politie',
        answers: { facts: 'Drie meldingen', lifeDomains: { housing: 'Dreigende uitzetting' } },
        updatedAt: at,
        updatedBy: person('Piet Politie', 'police'),
      },
    ],
    invitations: [],
    legalBasis: {
      kind: 'consent',
      label: 'Toestemming van de cliënt',
      allows: ['identity', 'trajectory', 'health', 'justice', 'housing', 'finances', 'budget'],
      since: at,
      current: {
        seq: 3,
        event: 'CONSENT_GIVEN',
        kind: 'consent',
        label: 'Toestemming van de cliënt',
        scope: 'Delen binnen het casusoverleg',
        justification: null,
        reason: null,
        recordedAt: at,
        recordedBy: { userId: null, displayName: 'Vera Verslavingszorg', party: 'addiction_care' },
      },
      history: [],
    },
    accessLog: [],
    recovery: { measurements: [], changes: [] },
    budget: { spends: [], conditionalArrangements: [] },
  };
}

describe('renderClientExportPdf', () => {
  it('is a readable Dutch PDF of the whole file, diacritics included', async () => {
    const pdf = await renderClientExportPdf(sample(), { compress: false });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = pdfText(pdf);
    for (const expected of [
      'Overzicht van uw gegevens',
      'Zoë Ïnkel',
      'Geboortedatum:17 mei 1980',
      'BSN:niet vastgelegd',
      'Fase:Motivatie',
      'Besluit over insluiting:Ingesloten: ja; Criteria: inwoner van de gemeente; Onderbouwing: Ernstige zorgen',
      '3. Contact vastgelegd',
      'Door:Fleur Verslavingszorg (Verslavingszorg)',
      'Notitie:Bezoek nummer 3',
      'Geen termijnen.',
      'Wat weet u (feiten en signalen)?:Drie meldingen',
      'Wonen: Dreigende uitzetting',
      'Nog geen toegang vastgelegd.',
      'Pagina 1 van',
    ])
      expect(text).toContain(squashed(expected));
  });

  it('breaks pages and numbers them, compressed by default', async () => {
    const pdf = await renderClientExportPdf(sample(120));
    expect(pdf.toString('latin1')).toContain('/FlateDecode');
    const pages = (pdf.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length;
    expect(pages).toBeGreaterThan(3);
    expect(pdfText(pdf)).toContain(squashed(`Pagina ${pages} van ${pages}`));
    expect(pdfText(pdf)).toContain(squashed('Bezoek nummer 120'));
  });

  it('formats stored values readably', () => {
    expect(formatValue(null)).toBe('—');
    expect(formatValue(true)).toBe('ja');
    expect(formatValue(['a', 'b'])).toBe('a, b');
    expect(formatValue([])).toBe('—');
    expect(formatValue('dropped_out', 'reason')).toBe('Uitgevallen');
    expect(formatValue('Wil niet meer', 'reason')).toBe('Wil niet meer');
    expect(formatValue('clinical_detox', 'treatment')).toBe('Klinische detox');
    expect(formatValue('clinical_detox', 'note')).toBe('clinical_detox');
    expect(formatValue({ kind: 'consent', scope: 'Delen' })).toBe('Soort: Toestemming; Reikwijdte: Delen');
  });
});
