// Dutch wording of the export (the JSON's `…Label` fields and the PDF). Unknown ids are shown as they are.

import {
  AFTERCARE_ITEM_LABELS,
  PARTY_LABELS,
  STAGE_LABELS,
  type TrajectoryEventType,
} from '@koers/machines/trajectory';

export const EVENT_TYPE_LABELS: Record<
  TrajectoryEventType | 'SIGNAL_REGISTERED' | 'DEADLINE_REACHED',
  string
> = {
  SIGNAL_REGISTERED: 'Signaal ingebracht',
  INCLUSION_DECIDED: 'Besluit over insluiting',
  CONSENT_GIVEN: 'Toestemming gegeven',
  CONSENT_OVERRIDDEN: 'Delen zonder toestemming (convenant)',
  CONSENT_REFUSED: 'Toestemming geweigerd',
  TREATMENT_AGREED: 'Behandeling afgesproken',
  CONTACT_LOGGED: 'Contact vastgelegd',
  AFTERCARE_ITEM_PREPARED: 'Nazorg voorbereid',
  ADMITTED: 'Opgenomen',
  WITHDRAWN: 'Teruggetrokken van de wachtlijst',
  LEAVE_STARTED: 'Verlof begonnen',
  LEAVE_ENDED: 'Verlof beëindigd',
  DISCHARGED: 'Ontslagen',
  TREATMENT_ABORTED: 'Behandeling afgebroken',
  POSTAL_ADDRESS_ARRANGED: 'Postadres geregeld',
  POSTAL_ADDRESS_EXTENDED: 'Postadres verlengd',
  POSTAL_ADDRESS_ENDED: 'Postadres beëindigd',
  DEBT_ARRANGEMENT_SET: 'Schuldenregeling vastgelegd',
  HOUSED: 'Huisvesting geregeld',
  THREE_PARTY_EVALUATED: 'Driepartijenovereenkomst geëvalueerd',
  DAYTIME_ARRANGED: 'Daginvulling geregeld',
  NETWORK_ASSESSED: 'Netwerk beoordeeld',
  RELAPSED: 'Terugval',
  MOVED_AWAY: 'Verhuisd',
  TRAJECTORY_CLOSED: 'Traject afgesloten',
  CONSENT_WITHDRAWN: 'Toestemming ingetrokken',
  COVENANT_INVOKED: 'Convenant vastgelegd (zonder toestemming)',
  DEADLINE_REACHED: 'Termijn verstreken',
};

/** Payload and context fields. */
export const FIELD_LABELS: Record<string, string> = {
  source: 'Bron',
  description: 'Omschrijving',
  included: 'Ingesloten',
  criteria: 'Criteria',
  reasons: 'Onderbouwing',
  reason: 'Reden',
  override: 'Afwijking van de criteria',
  scope: 'Reikwijdte',
  legalBasis: 'Grondslag',
  kind: 'Soort',
  justification: 'Motivering',
  continueUnder: 'Verder op grond van',
  treatment: 'Behandeling',
  channel: 'Kanaal',
  note: 'Notitie',
  item: 'Onderdeel',
  facility: 'Instelling',
  urgentOverride: 'Spoedopname',
  until: 'Tot',
  completed: 'Afgerond',
  validUntil: 'Geldig tot',
  threePartyAgreement: 'Driepartijenovereenkomst',
  startDate: 'Ingangsdatum',
  landlord: 'Verhuurder',
  careProvider: 'Zorgaanbieder',
  outcome: 'Uitkomst',
  healthyEngaged: 'Gezond netwerk betrokken',
  unhealthyAtDistance: 'Ongezond netwerk op afstand',
  municipality: 'Gemeente',
  stillUsing: 'Gebruikt nog',
  deadlineId: 'Termijn',
  inclusion: 'Besluit over insluiting',
  preparedAftercare: 'Voorbereide nazorg',
  admission: 'Opname',
  leaveUntil: 'Verlof tot',
  leaveOverdue: 'Verlof verlopen',
  discharge: 'Ontslag',
  relapses: 'Aantal terugvallen',
  contacts: 'Aantal contacten',
  setback: 'Laatste terugslag',
  type: 'Soort',
  fromStage: 'Vanuit fase',
  explanation: 'Toelichting',
  postalAddress: 'Postadres',
  endedReason: 'Reden van beëindiging',
  expired: 'Verlopen',
  debtArrangement: 'Schuldenregeling',
  housing: 'Wonen',
  lastEvaluation: 'Laatste evaluatie',
  daytimeActivity: 'Daginvulling',
  network: 'Netwerk',
  closure: 'Afsluiting',
  movedTo: 'Verhuisd naar',
};

/** The handreiking's questions (libs/casusoverleg INTAKE_QUESTIONS, shortened) and the seven life domains. */
export const INTAKE_LABELS: Record<string, string> = {
  facts: 'Wat weet u (feiten en signalen)?',
  inViewSince: 'Sinds wanneer in beeld',
  involvement: 'Betrokkenheid',
  lifeDomains: 'Zeven levensdomeinen',
  careNow: 'Zorg of hulp nu',
  careBefore: 'Zorg of hulp eerder',
  offences: 'Middelengerelateerde delicten',
  nuisance: 'Overlastmeldingen',
  meaning: 'Zingeving',
  housing: 'Wonen',
  finances: 'Financiën',
  social_relations: 'Sociale relaties',
  physical_health: 'Lichamelijke gezondheid',
  mental_health: 'Psychische gezondheid',
  work_and_activities: 'Werk en dagbesteding',
};

export const AUDIT_EVENT_LABELS: Record<string, string> = {
  read: 'ingezien',
  search: 'gezocht',
  export: 'geëxporteerd',
  write: 'vastgelegd of gewijzigd',
  audit: 'toegangslog ingezien',
};

export const AUDIT_RESULT_LABELS: Record<string, string> = {
  ok: 'toegestaan',
  refused: 'geweigerd',
  error: 'mislukt',
};

export const DEADLINE_STATUS_LABELS: Record<string, string> = { pending: 'lopend', done: 'afgerond' };
export const STEP_LABELS: Record<string, string> = {
  warning: 'waarschuwing',
  overdue: 'verlopen',
  agenda: 'agenda',
};
export const MEETING_STATUS_LABELS: Record<string, string> = {
  planned: 'gepland',
  held: 'gehouden',
  cancelled: 'geannuleerd',
};
export const RECORD_KIND_LABELS: Record<string, string> = { note: 'Notitie', decision: 'Besluit' };
export const ACTION_STATUS_LABELS: Record<string, string> = { open: 'open', done: 'afgerond' };

export const label = (labels: Record<string, string>, id: string | null | undefined): string =>
  id == null ? '—' : (labels[id] ?? id);

export const STEP_STATUS_LABELS: Record<string, string> = {
  pending: 'gepland',
  fired: 'verstuurd',
  withdrawn: 'ingetrokken',
};

/** Enum values of payloads and the context, in Dutch (ids that mean the same in every enum they occur in). */
export const VALUE_LABELS: Record<string, string> = {
  ...AFTERCARE_ITEM_LABELS,
  ...PARTY_LABELS,
  ...STAGE_LABELS,
  ...EVENT_TYPE_LABELS,
  citizen: 'Burger',
  self: 'Cliënt zelf',
  spreekuur: 'Spreekuur',
  mdo: 'MDO',
  clinical_detox: 'Klinische detox',
  ambulatory_detox: 'Ambulante detox',
  clinical: 'Klinische behandeling',
  ambulatory: 'Ambulante behandeling',
  private_clinic: 'Particuliere kliniek',
  visit: 'Bezoek',
  call: 'Telefoon',
  message: 'Bericht',
  consent: 'Toestemming',
  care_covenant: 'Zorgstructuurconvenant',
  safety_covenant: 'Veiligheidshuisconvenant',
  goal_achieved: 'Doel bereikt',
  regular_care: 'Naar reguliere zorg',
  moved: 'Verhuisd',
  dropped_out: 'Uitgevallen',
  declined: 'Geweigerd',
  not_included: 'Niet ingesloten',
  detained: 'Gedetineerd',
  deceased: 'Overleden',
  other: 'Anders',
  yes: 'Ja',
  no: 'Nee',
  unknown: 'Onbekend',
  social_rent: 'Sociale huur',
  supported_living: 'Begeleid wonen',
  protected_living: 'Beschermd wonen',
  temporary: 'Tijdelijk',
  own_home: 'Eigen woning',
  none: 'Geen',
  budget_management: 'Budgetbeheer',
  protective_administration: 'Beschermingsbewind',
  paid_work: 'Betaald werk',
  volunteer_work: 'Vrijwilligerswerk',
  sport: 'Sport',
  education: 'Opleiding',
  home_improvement: 'Klussen in en om huis',
  continue: 'Voortzetten',
  adjust: 'Aanpassen',
  terminate: 'Beëindigen',
};

/** Fields whose string values are enum ids (free-text fields are never translated). */
export const ENUM_FIELDS: ReadonlySet<string> = new Set([
  'source',
  'treatment',
  'channel',
  'legalBasis',
  'kind',
  'item',
  'preparedAftercare',
  'stillUsing',
  'outcome',
  'debtArrangement',
  'daytimeActivity',
  'type',
  'fromStage',
]);
