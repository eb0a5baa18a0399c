/**
 * Synthetic demo data: a fictional municipality, its casusoverleg and clients. Never real people:
 * every client name starts with "Demo" and no BSN is stored.
 */
export const DEMO_PASSWORD = 'demo';

export const DEMO_MUNICIPALITY = { name: 'Gemeente Voorbeeldstad', code: 'GM9999' };
export const DEMO_TEAM = 'Casusoverleg Middelen Voorbeeldstad';

/** Two casusoverleg teams, so the demo shows that one team never sees the other's clients. */
export const DEMO_TEAMS = [
  { key: 'a', name: DEMO_TEAM, municipality: DEMO_MUNICIPALITY },
  {
    key: 'b',
    name: 'Casusoverleg Middelen Buurdorp',
    municipality: { name: 'Gemeente Buurdorp', code: 'GM9998' },
  },
] as const;
export type DemoTeamKey = (typeof DEMO_TEAMS)[number]['key'];

export const DEMO_PARTIES = [
  { key: 'municipality', kind: 'municipality', name: 'Gemeente Voorbeeldstad' },
  { key: 'police', kind: 'police', name: 'Politie Basisteam Voorbeeldstad' },
  { key: 'addiction_care', kind: 'addiction_care', name: 'Verslavingszorg Voorbeeld' },
  { key: 'housing_corporation', kind: 'housing_corporation', name: 'Woonstichting Voorbeeld' },
  { key: 'municipality_b', kind: 'municipality', name: 'Gemeente Buurdorp' },
  { key: 'police_b', kind: 'police', name: 'Politie Basisteam Buurdorp' },
] as const;

export const DEMO_USERS = [
  {
    username: 'demo-chair',
    displayName: 'Procesregisseur (demo)',
    party: 'municipality',
    role: 'chair',
    email: 'demo-chair@voorbeeldstad.example',
    teams: ['a'],
  },
  {
    username: 'demo-police',
    displayName: 'Operationeel expert politie (demo)',
    party: 'police',
    role: 'member',
    email: 'demo-police@voorbeeldstad.example',
    teams: ['a'],
  },
  {
    username: 'demo-care',
    displayName: 'Outreachend werker (demo)',
    party: 'addiction_care',
    role: 'member',
    email: 'demo-care@voorbeeldstad.example',
    teams: ['a'],
  },
  {
    username: 'demo-housing',
    displayName: 'Woonconsulent (demo)',
    party: 'housing_corporation',
    role: 'member',
    email: 'demo-housing@voorbeeldstad.example',
    teams: ['a'],
  },
  // Read the access log, manage users and teams: no client data, in no casusoverleg.
  {
    username: 'demo-privacy',
    displayName: 'Privacyfunctionaris (demo)',
    party: 'municipality',
    role: 'privacy_officer',
    email: 'demo-privacy@voorbeeldstad.example',
    teams: [],
  },
  {
    username: 'demo-admin',
    displayName: 'Functioneel beheerder (demo)',
    party: 'municipality',
    role: 'admin',
    email: 'demo-admin@voorbeeldstad.example',
    teams: [],
  },
  {
    username: 'demo-chair-b',
    displayName: 'Procesregisseur Buurdorp (demo)',
    party: 'municipality_b',
    role: 'chair',
    email: 'demo-chair-b@buurdorp.example',
    teams: ['b'],
  },
  {
    username: 'demo-police-b',
    displayName: 'Operationeel expert politie Buurdorp (demo)',
    party: 'police_b',
    role: 'member',
    email: 'demo-police-b@buurdorp.example',
    teams: ['b'],
  },
  // The same addiction-care institution works in both towns.
  {
    username: 'demo-care-b',
    displayName: 'Outreachend werker Buurdorp (demo)',
    party: 'addiction_care',
    role: 'member',
    email: 'demo-care-b@buurdorp.example',
    teams: ['b'],
  },
] as const satisfies readonly {
  username: string;
  displayName: string;
  party: (typeof DEMO_PARTIES)[number]['key'];
  role: string;
  email: string;
  teams: readonly DemoTeamKey[];
}[];

export type DemoUsername = (typeof DEMO_USERS)[number]['username'];

export interface DemoStep {
  /** Days before today that the step happened. */
  daysAgo: number;
  by: DemoUsername;
  event: Record<string, unknown> & { type: string };
}

/** A chain partner invited to the client (need-to-know), by the case coordinator, for a year from then. */
export interface DemoInvitation {
  daysAgo: number;
  by: DemoUsername;
  invite: { party: (typeof DEMO_PARTIES)[number]['key']; scope: string[]; reason: string };
}

export interface DemoClient {
  /** The casusoverleg (default `a`). */
  team?: DemoTeamKey;
  displayName: string;
  birthDate: string;
  signal: { source: string; description: string; daysAgo: number; by: DemoUsername };
  steps: (DemoStep | DemoInvitation)[];
}

const INCLUDE = {
  type: 'INCLUSION_DECIDED',
  included: true,
  criteria: [
    'serious_substance_use_disorder',
    'resident',
    'disproportionate_care_use',
    'problems_other_life_domains',
  ],
  reasons: 'Ernstige verslaving, veel zorggebruik zonder verandering en schulden; past binnen de aanpak.',
};
const CONSENT = { type: 'CONSENT_GIVEN', scope: 'Gegevens delen binnen de casusoverleg voor het traject' };
const TREATMENT = { type: 'TREATMENT_AGREED', treatment: 'clinical_detox' };
const PREPARE_ALL = ['treatment_followup', 'finances', 'housing', 'daytime_activity', 'healthy_network'].map(
  (item) => ({
    type: 'AFTERCARE_ITEM_PREPARED',
    item,
  }),
);
const ADMIT = { type: 'ADMITTED', facility: 'Kliniek De Overstap (demo)' };
const DISCHARGE = { type: 'DISCHARGED', completed: true };

function walk(
  startDaysAgo: number,
  events: DemoStep['event'][],
  by: DemoUsername = 'demo-care',
  gap = 3,
): DemoStep[] {
  return events.map((event, i) => ({ daysAgo: Math.max(0, startDaysAgo - i * gap), by, event }));
}

export const DEMO_CLIENTS: DemoClient[] = [
  {
    displayName: 'Demo A. Visser',
    birthDate: '1988-03-14',
    signal: {
      source: 'police',
      description: 'Herhaaldelijk overlastmeldingen en GHB-gebruik in de woning.',
      daysAgo: 2,
      by: 'demo-police',
    },
    steps: [],
  },
  {
    displayName: 'Demo B. Smit',
    birthDate: '1975-11-02',
    signal: {
      source: 'citizen',
      description: 'Buren maken zich zorgen over alcoholgebruik en vervuiling van de woning.',
      daysAgo: 19,
      by: 'demo-chair',
    },
    steps: [],
  },
  {
    displayName: 'Demo C. Mulder',
    birthDate: '1992-07-21',
    signal: {
      source: 'addiction_care',
      description: 'Zorgmijder, valt steeds uit ambulante behandeling.',
      daysAgo: 30,
      by: 'demo-care',
    },
    steps: walk(24, [INCLUDE], 'demo-chair'),
  },
  {
    displayName: 'Demo D. de Graaf',
    birthDate: '1969-01-30',
    signal: {
      source: 'self',
      description: 'Meldt zich zelf na het succesvolle traject van een kennis.',
      daysAgo: 45,
      by: 'demo-care',
    },
    steps: [...walk(40, [INCLUDE], 'demo-chair'), ...walk(33, [CONSENT])],
  },
  {
    displayName: 'Demo E. Bos',
    birthDate: '1983-09-09',
    signal: {
      source: 'police',
      description: 'Flakka-gebruik, agressie in de openbare ruimte, meerdere aanhoudingen.',
      daysAgo: 60,
      by: 'demo-police',
    },
    steps: [
      ...walk(55, [INCLUDE], 'demo-chair'),
      {
        daysAgo: 50,
        by: 'demo-chair',
        event: {
          type: 'CONSENT_OVERRIDDEN',
          legalBasis: 'safety_covenant',
          justification:
            'Ernstige zorg om de veiligheid van de cliënt en omwonenden; toestemming niet te verkrijgen.',
        },
      },
    ],
  },
  {
    displayName: 'Demo F. Vos',
    birthDate: '1979-04-18',
    signal: {
      source: 'gp',
      description: 'Huisarts ziet toenemend alcoholgebruik en lichamelijke klachten.',
      daysAgo: 80,
      by: 'demo-care',
    },
    steps: [
      ...walk(75, [INCLUDE], 'demo-chair'),
      ...walk(68, [CONSENT, TREATMENT, PREPARE_ALL[0], PREPARE_ALL[1]], 'demo-care', 4),
      {
        daysAgo: 50,
        by: 'demo-care',
        event: {
          type: 'CONTACT_LOGGED',
          channel: 'visit',
          note: 'Huisbezoek, cliënt gemotiveerd maar ongeduldig.',
        },
      },
    ],
  },
  {
    displayName: 'Demo G. Peters',
    birthDate: '1990-12-05',
    signal: {
      source: 'mental_health',
      description: 'GGZ verwijst door: combinatie van GHB en psychische klachten.',
      daysAgo: 70,
      by: 'demo-care',
    },
    steps: [
      ...walk(65, [INCLUDE], 'demo-chair'),
      ...walk(58, [CONSENT, TREATMENT, ...PREPARE_ALL], 'demo-care', 2),
    ],
  },
  {
    displayName: 'Demo H. Hendriks',
    birthDate: '1986-06-27',
    signal: {
      source: 'addiction_care',
      description: 'Na eerdere detox snel teruggevallen; nu hulpvraag.',
      daysAgo: 110,
      by: 'demo-care',
    },
    steps: [
      ...walk(105, [INCLUDE], 'demo-chair'),
      ...walk(98, [CONSENT, TREATMENT, ...PREPARE_ALL, ADMIT], 'demo-care', 3),
    ],
  },
  {
    displayName: 'Demo I. van Dijk',
    birthDate: '1972-02-11',
    signal: {
      source: 'housing_corporation',
      description: 'Dreigende huisuitzetting door overlast en huurachterstand.',
      daysAgo: 130,
      by: 'demo-housing',
    },
    steps: [
      ...walk(125, [INCLUDE], 'demo-chair'),
      ...walk(118, [CONSENT, TREATMENT, ...PREPARE_ALL, ADMIT], 'demo-care', 3),
      { daysAgo: 4, by: 'demo-care', event: { type: 'LEAVE_STARTED', until: '2099-01-01' } },
    ],
  },
  {
    displayName: 'Demo J. Jacobs',
    birthDate: '1981-08-08',
    signal: {
      source: 'municipality',
      description: 'Wijkteam loopt vast: schulden, alcohol en geen dagbesteding.',
      daysAgo: 200,
      by: 'demo-chair',
    },
    steps: [
      ...walk(195, [INCLUDE], 'demo-chair'),
      ...walk(188, [CONSENT, TREATMENT, ...PREPARE_ALL, ADMIT], 'demo-care', 4),
      ...walk(
        100,
        [DISCHARGE, { type: 'POSTAL_ADDRESS_ARRANGED', validUntil: '2099-01-01' }],
        'demo-care',
        1,
      ),
      {
        daysAgo: 61,
        by: 'demo-care',
        invite: {
          party: 'housing_corporation',
          scope: ['housing'],
          reason: 'Huurwoning en driepartijenovereenkomst regelen met de woningcorporatie.',
        },
      },
      {
        daysAgo: 60,
        by: 'demo-housing',
        event: {
          type: 'HOUSED',
          kind: 'social_rent',
          threePartyAgreement: {
            startDate: '2026-09-01',
            landlord: 'Woonstichting Voorbeeld',
            careProvider: 'Verslavingszorg Voorbeeld',
          },
        },
      },
    ],
  },
  {
    displayName: 'Demo K. Dekker',
    birthDate: '1994-10-23',
    signal: {
      source: 'peer_expert',
      description: 'Ervaringsdeskundige signaleert terugval in het netwerk.',
      daysAgo: 240,
      by: 'demo-care',
    },
    steps: [
      ...walk(235, [INCLUDE], 'demo-chair'),
      ...walk(228, [CONSENT, TREATMENT, ...PREPARE_ALL, ADMIT], 'demo-care', 4),
      ...walk(
        150,
        [
          DISCHARGE,
          { type: 'DAYTIME_ARRANGED', kind: 'volunteer_work' },
          { type: 'NETWORK_ASSESSED', healthyEngaged: true, unhealthyAtDistance: true },
          { type: 'DEBT_ARRANGEMENT_SET', kind: 'budget_management' },
        ],
        'demo-care',
        10,
      ),
    ],
  },
  {
    displayName: 'Demo L. Brouwer',
    birthDate: '1977-05-16',
    signal: {
      source: 'work_and_income',
      description: 'Uitkeringsinstantie meldt verwaarlozing en middelengebruik.',
      daysAgo: 400,
      by: 'demo-chair',
    },
    steps: [
      ...walk(395, [INCLUDE], 'demo-chair'),
      ...walk(388, [CONSENT, TREATMENT, ...PREPARE_ALL, ADMIT], 'demo-care', 5),
      ...walk(
        300,
        [
          DISCHARGE,
          { type: 'HOUSED', kind: 'supported_living' },
          { type: 'DAYTIME_ARRANGED', kind: 'paid_work' },
          { type: 'NETWORK_ASSESSED', healthyEngaged: true, unhealthyAtDistance: true },
        ],
        'demo-care',
        20,
      ),
      {
        daysAgo: 20,
        by: 'demo-chair',
        event: { type: 'TRAJECTORY_CLOSED', reason: 'goal_achieved', stillUsing: 'no' },
      },
    ],
  },
  {
    displayName: 'Demo M. Koster',
    birthDate: '1999-03-03',
    signal: {
      source: 'citizen',
      description: 'Anonieme melding over drugsgebruik, weinig concrete signalen.',
      daysAgo: 50,
      by: 'demo-chair',
    },
    steps: [
      {
        daysAgo: 35,
        by: 'demo-chair',
        event: {
          type: 'INCLUSION_DECIDED',
          included: false,
          criteria: ['resident'],
          reasons: 'Geen ernstige verslavingsproblematiek vastgesteld; verwezen naar het wijkteam.',
        },
      },
    ],
  },
  {
    displayName: 'Demo N. Willems',
    birthDate: '1985-12-12',
    signal: {
      source: 'police',
      description: 'Signalen van alcoholmisbruik en huiselijke onrust.',
      daysAgo: 90,
      by: 'demo-police',
    },
    steps: [
      ...walk(85, [INCLUDE], 'demo-chair'),
      {
        daysAgo: 75,
        by: 'demo-care',
        event: { type: 'CONSENT_REFUSED', reason: 'Cliënt wil geen hulp en geeft geen toestemming.' },
      },
    ],
  },
  {
    team: 'b',
    displayName: 'Demo O. Prins',
    birthDate: '1979-04-04',
    signal: {
      source: 'police',
      description: 'Herhaalde overlast door drugsgebruik in de portiek.',
      daysAgo: 15,
      by: 'demo-police-b',
    },
    steps: [],
  },
  {
    team: 'b',
    displayName: 'Demo P. Kok',
    birthDate: '1990-10-10',
    signal: {
      source: 'addiction_care',
      description: 'Cliënt valt uit de ambulante behandeling; schulden lopen op.',
      daysAgo: 40,
      by: 'demo-care-b',
    },
    steps: [...walk(35, [INCLUDE], 'demo-chair-b'), ...walk(30, [CONSENT, TREATMENT], 'demo-care-b', 5)],
  },
  {
    team: 'b',
    displayName: 'Demo Q. Boer',
    birthDate: '1968-01-30',
    signal: {
      source: 'self',
      description: 'Meldt zichzelf: wil stoppen met drinken en heeft hulp nodig.',
      daysAgo: 70,
      by: 'demo-care-b',
    },
    steps: [...walk(65, [INCLUDE], 'demo-chair-b'), ...walk(60, [CONSENT], 'demo-care-b')],
  },
];
