import { pdfText, squashed } from '../../../test/support/pdf-text';
import { type ThreePartyAgreementInput, renderThreePartyAgreementPdf } from './three-party-agreement.pdf';

function sample(overrides: Partial<ThreePartyAgreementInput> = {}): ThreePartyAgreementInput {
  return {
    generatedAt: new Date('2026-09-02T10:00:00Z'),
    team: { name: 'Casusoverleg Zuid', municipality: 'Testgemeente' },
    tenant: { displayName: 'Zoë Ïnkel', birthDate: '1980-05-17' },
    housing: {
      kind: 'social_rent',
      startDate: '2026-09-01',
      landlord: 'Woonstichting Œver & Zn',
      careProvider: 'Verslavingszorg Noord',
    },
    finances: 'budget_management',
    evaluation: { dueDate: '2026-12-01', running: true },
    reference: '00000000-0000-4000-8000-000000000001',
    ...overrides,
  };
}

const text = async (input: ThreePartyAgreementInput) =>
  pdfText(await renderThreePartyAgreementPdf(input, { compress: false }));

describe('three-party agreement PDF', () => {
  it('fills in the parties, the lease start, the finances and the evaluation date, with articles and signatures', async () => {
    const pdf = await renderThreePartyAgreementPdf(sample());
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const content = await text(sample());
    for (const expected of [
      'Driepartijenovereenkomst',
      'Zoë Ïnkel, geboren op 17 mei 1980, hierna: de huurder;',
      'Woonstichting Œver & Zn, woningcorporatie, hierna: de verhuurder;',
      'Verslavingszorg Noord, verslavingszorg, hierna: de zorgaanbieder;',
      'Soort woning:Sociale huurwoning',
      'Ingangsdatum huur:1 september 2026',
      'Adres van de woning:',
      'Artikel 2. Begeleiding',
      'Overlast:',
      'Bezoek:',
      'Artikel 3. Geen onderverhuur',
      'Financiën beheerd door:Budgetbeheer bij de Stadsbank',
      'Artikel 5. Bijzondere situaties melden',
      'uiterlijk op 1 december 2026, drie maanden na de ingangsdatum',
      'De termijn voor deze evaluatie loopt in Koers',
      'De huurder: Zoë Ïnkel',
      'De verhuurder: Woonstichting Œver & Zn',
      'De zorgaanbieder: Verslavingszorg Noord',
      'Handtekening:',
      'Plaats:',
      'Datum:',
      'Casusoverleg Zuid (Testgemeente)',
    ]) {
      expect(content).toContain(squashed(expected));
    }
  });

  it('leaves finances to fill in when no arrangement is recorded, and says when the evaluation deadline has ended', async () => {
    const content = await text(
      sample({ finances: null, evaluation: { dueDate: '2026-12-01', running: false } }),
    );
    expect(content).toContain(squashed('Nog niet vastgelegd in het traject'));
    expect(content).toContain(
      squashed('De termijn voor deze evaluatie (1 december 2026) is in Koers afgerond.'),
    );
    expect(content).not.toContain(squashed('Budgetbeheer'));
  });

  it('says who administers the finances for each arrangement', async () => {
    expect(await text(sample({ finances: 'protective_administration' }))).toContain(
      squashed('Beschermingsbewind'),
    );
    expect(await text(sample({ finances: 'none' }))).toContain(
      squashed('De huurder beheert de eigen financiën.'),
    );
  });

  it('shows text the standard fonts cannot as look-alikes, never breaking', async () => {
    const content = await text(sample({ tenant: { displayName: 'Ĳsbrand Øster 🙂', birthDate: null } }));
    expect(content).toContain(squashed('IJsbrand Øster ?, hierna: de huurder;'));
  });
});
