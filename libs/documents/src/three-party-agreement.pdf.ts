import type { DebtArrangement, HousingKind } from '@koers/machines/trajectory';
import { PDF_FONT_BOLD, formatDutchDay, renderPdf } from '@koers/casusoverleg';
import { amsterdamDate } from '@koers/clock';
import { DocumentWriter, MUTED, winAnsi } from './document-writer';
import { FINANCES_ADMINISTERED_BY, FINANCES_NOT_SET, HOUSING_KIND_LABELS } from './documents.labels';

/** What the three-party agreement is filled in with: the client's housing data and the running deadline. */
export interface ThreePartyAgreementInput {
  generatedAt: Date;
  /** The casusoverleg that arranged it. */
  team: { name: string; municipality: string };
  tenant: { displayName: string; birthDate: string | null };
  housing: {
    kind: HousingKind;
    /** The lease and the agreement start (YYYY-MM-DD). */
    startDate: string;
    landlord: string;
    careProvider: string;
  };
  /** Who administers the finances (DEBT_ARRANGEMENT_SET); null when not set yet. */
  finances: DebtArrangement | null;
  evaluation: {
    /** YYYY-MM-DD: the due date of the three_party_evaluation deadline. */
    dueDate: string;
    /** The deadline is pending (its reminders run). */
    running: boolean;
  };
  /** A reference for the file (the client's id in Koers). */
  reference: string;
}

export interface RenderOptions {
  /** Compress the page content streams (default true); tests turn it off to read the text back. */
  compress?: boolean;
}

const BLANK = '……………………………………………';

/**
 * The driepartijenovereenkomst (domain.md §6, handreiking appendix): tenant, landlord and care provider agree on
 * supervision of the home, nuisance, visitors and finances, no subletting, who administers the finances,
 * reporting unusual situations and an evaluation three months after the lease starts, and sign. Filled in from the
 * trajectory; what Koers does not know (the address) is a line to fill in. Pure: everything comes from the input.
 */
export function renderThreePartyAgreementPdf(
  input: ThreePartyAgreementInput,
  options: RenderOptions = {},
): Promise<Buffer> {
  return renderPdf(
    {
      title: winAnsi(`Driepartijenovereenkomst – ${input.tenant.displayName}`),
      subject: 'Driepartijenovereenkomst huurder, verhuurder en zorgaanbieder (vertrouwelijk)',
      at: input.generatedAt,
      footer: winAnsi(
        `Driepartijenovereenkomst – ${input.tenant.displayName} · ${input.team.name} · Kenmerk ${input.reference.slice(0, 8)}`,
      ),
      compress: options.compress,
    },
    (doc) => drawAgreement(new DocumentWriter(doc), input),
  );
}

function drawAgreement(w: DocumentWriter, input: ThreePartyAgreementInput): void {
  const { tenant, housing } = input;
  const start = formatDutchDay(housing.startDate);
  const evaluation = formatDutchDay(input.evaluation.dueDate);

  w.title('Driepartijenovereenkomst', 'Afspraken over wonen met begeleiding');
  w.muted(
    `Opgesteld via het casusoverleg ${input.team.name} (${input.team.municipality}), Gemeentelijke Aanpak ` +
      `Middelenproblematiek, op ${formatDutchDay(amsterdamDate(input.generatedAt))}.`,
  );

  w.heading('Partijen');
  w.paragraph('De ondergetekenden:');
  w.space(2);
  w.item(
    '1.',
    `${tenant.displayName}${tenant.birthDate ? `, geboren op ${formatDutchDay(tenant.birthDate)}` : ''}, hierna: de huurder;`,
  );
  w.item('2.', `${housing.landlord}, woningcorporatie, hierna: de verhuurder;`);
  w.item('3.', `${housing.careProvider}, verslavingszorg, hierna: de zorgaanbieder;`);
  w.space(4);
  w.paragraph(
    'overwegende dat de huurder na een behandeling zelfstandig gaat wonen met begeleiding van de zorgaanbieder, en ' +
      'dat partijen samen willen voorkomen dat het wonen misgaat, spreken het volgende af.',
  );

  w.heading('Artikel 1. De woning');
  w.field('Soort woning', HOUSING_KIND_LABELS[housing.kind]);
  w.field('Ingangsdatum huur', start);
  w.field('Adres van de woning', BLANK);
  w.paragraph(`Deze overeenkomst gaat in op ${start} en hoort bij het huurcontract van de woning.`);

  w.heading('Artikel 2. Begeleiding');
  w.paragraph(
    'De zorgaanbieder begeleidt de huurder bij het wonen. De huurder werkt mee aan de begeleiding en laat de ' +
      'begeleider op afspraak in de woning toe. De begeleiding richt zich op:',
  );
  w.item(
    'a.',
    'Wonen: de huurder gebruikt de woning als goed huurder, houdt haar schoon en heel, en woont er zelf.',
  );
  w.item(
    'b.',
    'Overlast: de huurder veroorzaakt geen overlast voor buren en omgeving; er wordt in en rond de woning niet ' +
      'gedeald.',
  );
  w.item(
    'c.',
    'Bezoek: de huurder is verantwoordelijk voor bezoekers en hun gedrag; er logeert niemand langer dan een paar ' +
      'nachten zonder overleg met de begeleider.',
  );
  w.item('d.', 'Financiën: de huur en de vaste lasten worden elke maand op tijd betaald (zie artikel 4).');

  w.heading('Artikel 3. Geen onderverhuur');
  w.paragraph(
    'De huurder verhuurt de woning of een deel ervan niet onder, geeft haar niet in gebruik aan anderen en laat ' +
      'niemand anders er wonen.',
  );

  w.heading('Artikel 4. Beheer van de financiën');
  w.field(
    'Financiën beheerd door',
    input.finances ? FINANCES_ADMINISTERED_BY[input.finances] : FINANCES_NOT_SET,
  );
  w.paragraph(
    'Ontstaat er een huurachterstand, dan meldt de verhuurder dat binnen twee weken aan de zorgaanbieder, die het ' +
      'met de huurder bespreekt.',
  );

  w.heading('Artikel 5. Bijzondere situaties melden');
  w.paragraph(
    'Verhuurder en zorgaanbieder melden elkaar binnen twee werkdagen bijzondere situaties: overlast of klachten van ' +
      'buren, een huurachterstand, langdurige afwezigheid van de huurder, zorgen over de veiligheid of gezondheid van ' +
      'de huurder of anderen, en terugval. De huurder geeft toestemming dat verhuurder en zorgaanbieder daarvoor de ' +
      'informatie uitwisselen die nodig is om deze afspraken uit te voeren, en niet meer dan dat.',
  );

  w.heading('Artikel 6. Evaluatie na drie maanden');
  w.paragraph(
    `Partijen evalueren deze afspraken samen uiterlijk op ${evaluation}, drie maanden na de ingangsdatum. Zij ` +
      'besluiten dan de afspraken voort te zetten, aan te passen of te beëindigen.',
  );
  w.muted(
    input.evaluation.running
      ? `De termijn voor deze evaluatie loopt in Koers (uiterlijk ${evaluation}); verhuurder en zorgaanbieder krijgen ` +
          'twee weken ervoor een herinnering.'
      : `De termijn voor deze evaluatie (${evaluation}) is in Koers afgerond.`,
  );

  w.heading('Artikel 7. Duur');
  w.paragraph(
    'Deze afspraken gelden zolang de huurder begeleiding krijgt, of tot partijen bij een evaluatie anders besluiten. ' +
      'Het huurcontract blijft daarnaast onverkort van kracht.',
  );

  w.heading('Ondertekening', 12.5, 250);
  w.paragraph('Aldus overeengekomen en in drievoud ondertekend:');
  for (const [role, name] of [
    ['De huurder', tenant.displayName],
    ['De verhuurder', housing.landlord],
    ['De zorgaanbieder', housing.careProvider],
  ] as const) {
    w.space(6);
    w.ensureSpace(110);
    w.doc.font(PDF_FONT_BOLD).fontSize(10.5).fillColor('#000000');
    w.doc.text(winAnsi(`${role}: ${name}`), w.left, w.doc.y, { width: w.width });
    w.fillIn('Naam ondertekenaar');
    w.fillIn('Plaats', { width: w.width / 2 - 10 });
    w.fillIn('Datum', { width: w.width / 2 - 10 });
    w.fillIn('Handtekening');
  }
  w.space(6);
  w.paragraph('Vertrouwelijk: dit document bevat persoonsgegevens van de huurder.', {
    color: MUTED,
    size: 8.5,
  });
}
