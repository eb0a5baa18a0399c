/**
 * Dutch words for the trajectory's ids, where machines/trajectory has none of its own (it has STAGE_LABELS,
 * PARTY_LABELS, CRITERION_LABELS, AFTERCARE_ITEM_LABELS, DEADLINE_KIND_LABELS and BLOCKER_CODE_LABELS, which
 * the pages use as they are). Everything here is what a user reads; the ids stay as the API has them.
 */
import {
  type BlockerLifter,
  type ContactChannel,
  type Criterion,
  CRITERION_LABELS,
  type DaytimeKind,
  type DebtArrangement,
  type HousingKind,
  type OutflowReason,
  PARTY_LABELS,
  type SignalSource,
  type StillUsing,
  type ThreePartyOutcome,
  type TrajectoryEventType,
  type Treatment,
} from '@koers/machines/trajectory';

/** What happened, as the history says it. */
export const EVENT_LABELS: Record<TrajectoryEventType | 'SIGNAL_REGISTERED' | 'DEADLINE_REACHED', string> = {
  SIGNAL_REGISTERED: 'Signaal geregistreerd',
  INCLUSION_DECIDED: 'Besluit over insluiting',
  CONSENT_GIVEN: 'Toestemming gegeven',
  CONSENT_OVERRIDDEN: 'Verder zonder toestemming (convenant)',
  CONSENT_REFUSED: 'Toestemming geweigerd',
  CONSENT_WITHDRAWN: 'Toestemming ingetrokken',
  COVENANT_INVOKED: 'Verder op grond van een convenant',
  TREATMENT_AGREED: 'Behandeling afgesproken',
  CONTACT_LOGGED: 'Contact met de cliënt',
  AFTERCARE_ITEM_PREPARED: 'Nazorg voorbereid',
  ADMITTED: 'Opgenomen',
  WITHDRAWN: 'Van de wachtlijst teruggetrokken',
  LEAVE_STARTED: 'Met verlof',
  LEAVE_ENDED: 'Terug van verlof',
  DISCHARGED: 'Ontslagen uit de kliniek',
  TREATMENT_ABORTED: 'Behandeling afgebroken',
  POSTAL_ADDRESS_ARRANGED: 'Postadres geregeld',
  POSTAL_ADDRESS_EXTENDED: 'Postadres verlengd',
  POSTAL_ADDRESS_ENDED: 'Postadres beëindigd',
  DEBT_ARRANGEMENT_SET: 'Schuldenregeling vastgelegd',
  HOUSED: 'Woning gevonden',
  THREE_PARTY_EVALUATED: 'Driepartijenovereenkomst geëvalueerd',
  DAYTIME_ARRANGED: 'Daginvulling geregeld',
  NETWORK_ASSESSED: 'Netwerk beoordeeld',
  RELAPSED: 'Terugval',
  MOVED_AWAY: 'Verhuisd naar een andere gemeente',
  TRAJECTORY_CLOSED: 'Traject afgesloten',
  DEADLINE_REACHED: 'Termijn verstreken',
};

/** What a button does (the form's title). */
export const EVENT_ACTIONS: Record<TrajectoryEventType, string> = {
  INCLUSION_DECIDED: 'Besluit over insluiting vastleggen',
  CONSENT_GIVEN: 'Toestemming vastleggen',
  CONSENT_OVERRIDDEN: 'Verder zonder toestemming (convenant)',
  CONSENT_REFUSED: 'Weigering van toestemming vastleggen',
  CONSENT_WITHDRAWN: 'Intrekking van toestemming vastleggen',
  COVENANT_INVOKED: 'Convenant als grondslag vastleggen',
  TREATMENT_AGREED: 'Behandeling afspreken',
  CONTACT_LOGGED: 'Contact vastleggen',
  AFTERCARE_ITEM_PREPARED: 'Nazorg voorbereiden',
  ADMITTED: 'Opname vastleggen',
  WITHDRAWN: 'Van de wachtlijst halen',
  LEAVE_STARTED: 'Verlof vastleggen',
  LEAVE_ENDED: 'Terugkeer van verlof vastleggen',
  DISCHARGED: 'Ontslag vastleggen',
  TREATMENT_ABORTED: 'Afbreken van de behandeling vastleggen',
  POSTAL_ADDRESS_ARRANGED: 'Postadres regelen',
  POSTAL_ADDRESS_EXTENDED: 'Postadres verlengen',
  POSTAL_ADDRESS_ENDED: 'Postadres beëindigen',
  DEBT_ARRANGEMENT_SET: 'Schuldenregeling vastleggen',
  HOUSED: 'Woning vastleggen',
  THREE_PARTY_EVALUATED: 'Evaluatie driepartijenovereenkomst vastleggen',
  DAYTIME_ARRANGED: 'Daginvulling vastleggen',
  NETWORK_ASSESSED: 'Netwerk beoordelen',
  RELAPSED: 'Terugval vastleggen',
  MOVED_AWAY: 'Verhuizing vastleggen',
  TRAJECTORY_CLOSED: 'Traject afsluiten',
};

export const TREATMENT_LABELS: Record<Treatment, string> = {
  clinical_detox: 'Klinische detox',
  ambulatory_detox: 'Ambulante detox',
  clinical: 'Klinische behandeling',
  ambulatory: 'Ambulante behandeling',
  private_clinic: 'Particuliere kliniek',
};

export const CHANNEL_LABELS: Record<ContactChannel, string> = {
  visit: 'Bezoek',
  call: 'Telefoongesprek',
  message: 'Bericht',
};

// The machine's own labels (every basis kind, `none` included).
export { LEGAL_BASIS_LABELS } from '@koers/machines/trajectory';

export const DEBT_LABELS: Record<DebtArrangement, string> = {
  none: 'Geen regeling nodig',
  budget_management: 'Budgetbeheer (Stadsbank)',
  protective_administration: 'Beschermingsbewind',
};

export const HOUSING_LABELS: Record<HousingKind, string> = {
  social_rent: 'Sociale huurwoning',
  supported_living: 'Begeleid wonen',
  protected_living: 'Beschermd wonen',
  temporary: 'Tijdelijke woonruimte',
  own_home: 'Eigen woning',
};

export const THREE_PARTY_OUTCOME_LABELS: Record<ThreePartyOutcome, string> = {
  continue: 'Voortzetten',
  adjust: 'Aanpassen',
  terminate: 'Beëindigen',
};

export const DAYTIME_LABELS: Record<DaytimeKind, string> = {
  paid_work: 'Betaald werk',
  volunteer_work: 'Vrijwilligerswerk',
  sport: 'Sport',
  education: 'Opleiding',
  home_improvement: 'Opknappen van de woning',
  other: 'Anders',
};

export const OUTFLOW_LABELS: Record<OutflowReason, string> = {
  goal_achieved: 'Doel bereikt',
  regular_care: 'Over naar reguliere zorg',
  moved: 'Verhuisd',
  dropped_out: 'Uitgevallen',
  declined: 'Geen toestemming',
  not_included: 'Niet ingesloten',
  detained: 'Gedetineerd',
  deceased: 'Overleden',
  other: 'Andere reden',
};

export const STILL_USING_LABELS: Record<StillUsing, string> = {
  yes: 'Ja',
  no: 'Nee',
  unknown: 'Onbekend',
};

export const SOURCE_LABELS: Record<SignalSource, string> = {
  ...PARTY_LABELS,
  citizen: 'Burger',
  self: 'De persoon zelf',
  spreekuur: 'Spreekuur',
  mdo: 'MDO (multidisciplinair overleg)',
};

/** Who can lift a blocker: a party, or the chair of the casusoverleg. */
export const LIFTER_LABELS: Record<BlockerLifter, string> = {
  ...PARTY_LABELS,
  chair: 'Voorzitter casusoverleg',
};

/** A party id as the history gives it (`partyKind`), in Dutch; unknown ids as they are. */
export function partyLabel(party: string | null | undefined): string {
  if (!party) return 'Systeem';
  return (PARTY_LABELS as Record<string, string>)[party] ?? party;
}

/** "ernstige verslavingsproblematiek" → "Ernstige verslavingsproblematiek". */
export const capitalize = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

export const criterionLabel = (criterion: Criterion | string): string =>
  capitalize((CRITERION_LABELS as Record<string, string>)[criterion] ?? criterion);

/** The sub-states of admission and of the four aftercare regions. */
export const ADMISSION_STATE_LABELS = { in_treatment: 'In behandeling', on_leave: 'Met verlof' } as const;

export const AFTERCARE_REGIONS = [
  {
    id: 'finances',
    label: 'Financiën',
    states: {
      none: 'Geen postadres',
      active: 'Postadres actief',
      expired: 'Postadres verlopen',
      ended: 'Postadres beëindigd',
    },
  },
  { id: 'housing', label: 'Wonen', states: { searching: 'Zoekt woonruimte', housed: 'Heeft een woning' } },
  {
    id: 'daytime_activity',
    label: 'Daginvulling',
    states: { none: 'Nog niet geregeld', arranged: 'Geregeld' },
  },
  { id: 'network', label: 'Netwerk', states: { unassessed: 'Nog niet beoordeeld', assessed: 'Beoordeeld' } },
] as const satisfies readonly { id: string; label: string; states: Record<string, string> }[];
export type AftercareRegionId = (typeof AFTERCARE_REGIONS)[number]['id'];

export const DEADLINE_STATE_LABELS: Record<string, string> = {
  pending: 'Loopt',
  overdue: 'Te laat',
  met: 'Op tijd gehaald',
  met_late: 'Te laat gehaald',
};

export const DEADLINE_STEP_LABELS: Record<string, string> = {
  warning: 'Waarschuwing',
  overdue: 'Te laat-melding',
  agenda: 'Op de agenda',
};

export const STEP_STATUS_LABELS: Record<string, string> = {
  pending: 'gepland',
  fired: 'verstuurd',
  withdrawn: 'ingetrokken',
};

export const ACTION_STATUS_LABELS: Record<string, string> = { open: 'Open', done: 'Afgerond' };

/** Journal categories and the need-to-know category each belongs to (libs/journal's JOURNAL_DATA_CATEGORIES). */
export const JOURNAL_CATEGORY_OPTIONS = [
  { value: 'general', label: 'Algemeen', dataCategory: 'trajectory' },
  { value: 'health', label: 'Gezondheid en middelengebruik', dataCategory: 'health' },
  { value: 'justice', label: 'Justitie en overlast', dataCategory: 'justice' },
  { value: 'housing', label: 'Wonen', dataCategory: 'housing' },
  { value: 'finances', label: 'Financiën', dataCategory: 'finances' },
  { value: 'network', label: 'Netwerk en daginvulling', dataCategory: 'trajectory' },
] as const;

export const JOURNAL_KIND_OPTIONS = [
  { value: 'contact_moment', label: 'Contactmoment' },
  { value: 'police_contact', label: 'Politiecontact' },
  { value: 'network_signal', label: 'Signaal uit het netwerk' },
  { value: 'nuisance_report', label: 'Overlastmelding' },
  { value: 'note', label: 'Notitie' },
] as const;

/** `{ a: 'A' }` → `[{ value: 'a', label: 'A' }]`, for selects and radio groups. */
export function optionsOf<K extends string>(labels: Record<K, string>, only?: readonly K[]) {
  return (only ?? (Object.keys(labels) as K[])).map((value) => ({ value, label: labels[value] }));
}
