/**
 * One form per trajectory event: its fields with Dutch labels, how the values become the event, and the checks the
 * server makes too (required, "says something", dates, lengths: the DTOs of libs/trajectory), followed by the
 * machine's own rules (`refusalsFor` on the snapshot), so a person hears why before anything is sent.
 */
import {
  ADDITIONAL_CRITERIA,
  AFTERCARE_ITEM_LABELS,
  CONTACT_CHANNELS,
  DAYTIME_KINDS,
  DEBT_ARRANGEMENTS,
  HOUSING_KINDS,
  isIsoDate,
  isLaterDate,
  isSubstantive,
  LEGAL_BASES_OVERRIDE,
  meetsInclusionCriteria,
  missingAftercareItems,
  OUTFLOW_REASONS,
  refusalsFor,
  REQUIRED_CRITERIA,
  stageOf,
  STILL_USING,
  THREE_PARTY_OUTCOMES,
  TREATMENTS,
  type Criterion,
  type OutflowReason,
  type TrajectoryEvent,
  type TrajectoryEventType,
  type TrajectorySnapshot,
} from '@koers/machines/trajectory';
import {
  CHANNEL_LABELS,
  criterionLabel,
  DAYTIME_LABELS,
  DEBT_LABELS,
  HOUSING_LABELS,
  LEGAL_BASIS_LABELS,
  OUTFLOW_LABELS,
  STILL_USING_LABELS,
  THREE_PARTY_OUTCOME_LABELS,
  TREATMENT_LABELS,
} from '../trajectory/labels';
import { IRREVERSIBLE } from '../trajectory/next-steps';
import type { FormCheck, FormValues } from './event-form.machine';

export interface FieldOption {
  value: string;
  label: string;
  description?: string;
  disabled?: boolean;
}

interface BaseField {
  name: string;
  label: string;
  description?: string;
  required?: boolean;
  /** Shown only when this holds for the current values. */
  when?: (values: FormValues) => boolean;
}

export type FieldSpec =
  | (BaseField & { kind: 'text'; minLength?: number })
  | (BaseField & { kind: 'textarea'; substantive?: boolean; minLength?: number })
  | (BaseField & { kind: 'date' })
  | (BaseField & { kind: 'select'; options: FieldOption[] })
  | (BaseField & { kind: 'radio'; options: FieldOption[] })
  | (BaseField & { kind: 'checkboxes'; options: FieldOption[]; minChecked?: number })
  | (BaseField & { kind: 'checkbox' });

export interface EventForm {
  type: TrajectoryEventType;
  /** A sentence above the fields: what this step means. */
  intro?: string;
  fields: FieldSpec[];
  initial: FormValues;
  /** The event(s) to send: several for a checklist of aftercare items, one otherwise. */
  build(values: FormValues): TrajectoryEvent[];
  /** Checks that depend on the trajectory beyond the machine's rules (e.g. a later date). */
  extra?(values: FormValues): Record<string, string>;
  confirm: boolean;
  submitLabel: string;
}

export const SUBSTANTIVE_MESSAGE = 'Schrijf een toelichting die iets zegt: minstens 10 tekens en 2 woorden.';

const str = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');
const list = (value: unknown): string[] => (Array.isArray(value) ? value : []);
const optionalText = (value: unknown): string | undefined => str(value) || undefined;

function options<K extends string>(ids: readonly K[], labels: Record<K, string>): FieldOption[] {
  return ids.map((value) => ({ value, label: labels[value] }));
}

const yesNo: FieldOption[] = [
  { value: 'yes', label: 'Ja' },
  { value: 'no', label: 'Nee' },
];

/** The form of one event type for the trajectory as it is now. */
export function formFor(type: TrajectoryEventType, snapshot: TrajectorySnapshot): EventForm {
  const base = { type, confirm: IRREVERSIBLE.has(type), submitLabel: 'Vastleggen' };
  const context = snapshot.context;
  switch (type) {
    case 'INCLUSION_DECIDED':
      return {
        ...base,
        intro:
          'Het casusoverleg besluit of de cliënt in de aanpak komt. Insluiten vraagt beide vereiste criteria en minstens één aanvullend criterium, of een afwijking met reden.',
        fields: [
          {
            kind: 'radio',
            name: 'included',
            label: 'Besluit',
            required: true,
            options: [
              { value: 'yes', label: 'Insluiten' },
              { value: 'no', label: 'Niet insluiten (het traject wordt afgesloten)' },
            ],
          },
          {
            kind: 'checkboxes',
            name: 'required',
            label: 'Vereiste criteria (beide)',
            options: REQUIRED_CRITERIA.map((c) => ({ value: c, label: criterionLabel(c) })),
          },
          {
            kind: 'checkboxes',
            name: 'additional',
            label: 'Aanvullende criteria (minstens één)',
            options: ADDITIONAL_CRITERIA.map((c) => ({ value: c, label: criterionLabel(c) })),
          },
          {
            kind: 'textarea',
            name: 'reasons',
            label: 'Onderbouwing van het besluit',
            description: 'Het besluit moet later uit te leggen zijn: schrijf op waarom.',
            required: true,
            substantive: true,
          },
          {
            kind: 'textarea',
            name: 'override',
            label: 'Reden om af te wijken van de criteria',
            description:
              'De cliënt voldoet niet aan de criteria. Insluiten kan alleen met een afwijking en een reden.',
            required: true,
            substantive: true,
            when: (v) =>
              v.included === 'yes' &&
              !meetsInclusionCriteria([...list(v.required), ...list(v.additional)] as Criterion[]),
          },
        ],
        initial: { included: '', required: [], additional: [], reasons: '', override: '' },
        build: (v) => {
          const criteria = [...list(v.required), ...list(v.additional)] as Criterion[];
          const included = v.included === 'yes';
          const needsOverride = included && !meetsInclusionCriteria(criteria);
          return [
            {
              type: 'INCLUSION_DECIDED',
              included,
              criteria,
              reasons: str(v.reasons),
              ...(needsOverride ? { override: { reason: str(v.override) } } : {}),
            },
          ];
        },
      };
    case 'CONSENT_GIVEN':
      return {
        ...base,
        intro: 'De cliënt geeft toestemming om gegevens te delen binnen het casusoverleg.',
        fields: [
          {
            kind: 'textarea',
            name: 'scope',
            label: 'Waarvoor geeft de cliënt toestemming?',
            description: 'Bijvoorbeeld: gegevens delen binnen het casusoverleg voor het traject.',
            required: true,
            minLength: 3,
          },
        ],
        initial: { scope: '' },
        build: (v) => [{ type: 'CONSENT_GIVEN', scope: str(v.scope) }],
      };
    case 'CONSENT_OVERRIDDEN':
      return {
        ...base,
        intro:
          'Alleen in uitzonderlijke gevallen, bij ernstige zorg om de veiligheid van de cliënt of anderen: verder zonder toestemming op grond van een convenant.',
        fields: [...covenantFields('Grondslag')],
        initial: { legalBasis: '', justification: '' },
        build: (v) => [
          {
            type: 'CONSENT_OVERRIDDEN',
            legalBasis: str(v.legalBasis) as (typeof LEGAL_BASES_OVERRIDE)[number],
            justification: str(v.justification),
          },
        ],
      };
    case 'CONSENT_REFUSED':
      return {
        ...base,
        intro: 'De cliënt weigert toestemming. Het traject wordt daarmee afgesloten.',
        fields: [reasonField('Reden (niet verplicht)')],
        initial: { reason: '' },
        build: (v) => [{ type: 'CONSENT_REFUSED', reason: optionalText(v.reason) }],
      };
    case 'TREATMENT_AGREED':
      return {
        ...base,
        intro: 'Met de afgesproken behandeling komt de cliënt op de wachtlijst.',
        fields: [
          {
            kind: 'radio',
            name: 'treatment',
            label: 'Behandeling',
            required: true,
            options: options(TREATMENTS, TREATMENT_LABELS),
          },
        ],
        initial: { treatment: '' },
        build: (v) => [
          { type: 'TREATMENT_AGREED', treatment: str(v.treatment) as (typeof TREATMENTS)[number] },
        ],
      };
    case 'CONTACT_LOGGED':
      return {
        ...base,
        intro: 'Contact houdt de cliënt in beeld tijdens het wachten en de opname.',
        fields: [
          {
            kind: 'radio',
            name: 'channel',
            label: 'Soort contact',
            required: true,
            options: options(CONTACT_CHANNELS, CHANNEL_LABELS),
          },
          { kind: 'textarea', name: 'note', label: 'Notitie', required: true, substantive: true },
        ],
        initial: { channel: '', note: '' },
        build: (v) => [
          {
            type: 'CONTACT_LOGGED',
            channel: str(v.channel) as (typeof CONTACT_CHANNELS)[number],
            note: str(v.note),
          },
        ],
      };
    case 'AFTERCARE_ITEM_PREPARED': {
      const missing = missingAftercareItems(context.preparedAftercare);
      return {
        ...base,
        intro:
          'Detox zonder vervolg is geen behandeling: opname kan pas als de nazorg op alle vijf punten is voorbereid.',
        fields: [
          {
            kind: 'checkboxes',
            name: 'items',
            label: 'Wat is voorbereid?',
            description: 'Alleen de onderdelen die nog niet zijn voorbereid staan hier.',
            minChecked: 1,
            options: missing.map((item) => ({ value: item, label: AFTERCARE_ITEM_LABELS[item] })),
          },
        ],
        initial: { items: [] },
        build: (v) =>
          list(v.items).map((item) => ({
            type: 'AFTERCARE_ITEM_PREPARED' as const,
            item: item as (typeof missing)[number],
          })),
      };
    }
    case 'ADMITTED': {
      const ready = missingAftercareItems(context.preparedAftercare).length === 0;
      return {
        ...base,
        intro: ready
          ? 'De nazorg is voorbereid: de cliënt kan worden opgenomen.'
          : 'De nazorg is nog niet helemaal voorbereid. Opnemen kan dan alleen met spoed, met een reden.',
        fields: [
          { kind: 'text', name: 'facility', label: 'Instelling', required: true, minLength: 2 },
          {
            kind: 'checkbox',
            name: 'urgent',
            label: 'Urgente opname zonder complete nazorg',
          },
          {
            kind: 'textarea',
            name: 'urgentReason',
            label: 'Reden voor de urgente opname',
            required: true,
            substantive: true,
            when: (v) => v.urgent === true,
          },
        ],
        initial: { facility: '', urgent: !ready, urgentReason: '' },
        build: (v) => [
          {
            type: 'ADMITTED',
            facility: str(v.facility),
            ...(v.urgent === true ? { urgentOverride: { reason: str(v.urgentReason) } } : {}),
          },
        ],
      };
    }
    case 'WITHDRAWN':
      return {
        ...base,
        intro: 'De cliënt gaat van de wachtlijst terug naar de fase motivatie.',
        fields: [reasonField('Reden (niet verplicht)')],
        initial: { reason: '' },
        build: (v) => [{ type: 'WITHDRAWN', reason: optionalText(v.reason) }],
      };
    case 'LEAVE_STARTED':
      return {
        ...base,
        intro: 'Verlof is oefenen voor het nieuwe leven. Na de terugkeer kan de cliënt worden ontslagen.',
        fields: [{ kind: 'date', name: 'until', label: 'Terug op', required: true }],
        initial: { until: '' },
        build: (v) => [{ type: 'LEAVE_STARTED', until: str(v.until) }],
      };
    case 'LEAVE_ENDED':
      return {
        ...base,
        fields: [
          {
            kind: 'textarea',
            name: 'note',
            label: 'Hoe ging het verlof?',
            required: true,
            substantive: true,
          },
        ],
        initial: { note: '' },
        build: (v) => [{ type: 'LEAVE_ENDED', note: str(v.note) }],
      };
    case 'DISCHARGED':
      return {
        ...base,
        intro: 'Na het ontslag begint de nazorg: financiën, wonen, daginvulling en netwerk.',
        fields: [
          {
            kind: 'radio',
            name: 'completed',
            label: 'Is de behandeling afgerond?',
            required: true,
            options: yesNo,
          },
        ],
        initial: { completed: '' },
        build: (v) => [{ type: 'DISCHARGED', completed: v.completed === 'yes' }],
      };
    case 'TREATMENT_ABORTED':
      return {
        ...base,
        intro: 'Afbreken telt als terugval: de cliënt gaat terug naar de fase motivatie.',
        fields: [reasonField('Reden (niet verplicht)')],
        initial: { reason: '' },
        build: (v) => [{ type: 'TREATMENT_ABORTED', reason: optionalText(v.reason) }],
      };
    case 'POSTAL_ADDRESS_ARRANGED':
      return {
        ...base,
        intro: 'Een tijdelijk postadres bij de verslavingszorg, meestal voor 4 tot 6 weken.',
        fields: [{ kind: 'date', name: 'validUntil', label: 'Geldig tot', required: true }],
        initial: { validUntil: '' },
        build: (v) => [{ type: 'POSTAL_ADDRESS_ARRANGED', validUntil: str(v.validUntil) }],
      };
    case 'POSTAL_ADDRESS_EXTENDED': {
      const current = context.postalAddress?.validUntil ?? null;
      return {
        ...base,
        intro: 'Verlengen kan alleen zolang de cliënt meewerkt.',
        fields: [
          {
            kind: 'date',
            name: 'validUntil',
            label: 'Nieuwe einddatum',
            description: current ? `De huidige einddatum is ${current}.` : undefined,
            required: true,
          },
        ],
        initial: { validUntil: '' },
        build: (v) => [{ type: 'POSTAL_ADDRESS_EXTENDED', validUntil: str(v.validUntil) }],
        extra: (v): Record<string, string> =>
          current && isIsoDate(str(v.validUntil)) && !isLaterDate(str(v.validUntil), current)
            ? { validUntil: 'Kies een datum na de huidige einddatum.' }
            : {},
      };
    }
    case 'POSTAL_ADDRESS_ENDED':
      return {
        ...base,
        fields: [{ ...reasonField('Waarom stopt het postadres?'), required: true }],
        initial: { reason: '' },
        build: (v) => [{ type: 'POSTAL_ADDRESS_ENDED', reason: str(v.reason) }],
      };
    case 'DEBT_ARRANGEMENT_SET':
      return {
        ...base,
        fields: [
          {
            kind: 'radio',
            name: 'kind',
            label: 'Schuldenregeling',
            required: true,
            options: options(DEBT_ARRANGEMENTS, DEBT_LABELS),
          },
        ],
        initial: { kind: '' },
        build: (v) => [
          { type: 'DEBT_ARRANGEMENT_SET', kind: str(v.kind) as (typeof DEBT_ARRANGEMENTS)[number] },
        ],
      };
    case 'CONSENT_WITHDRAWN':
      return {
        ...base,
        intro:
          'De cliënt trekt de toestemming in. Zonder convenant blijft alleen zichtbaar wat nodig is om het traject af te sluiten of alsnog een convenant vast te leggen (alleen de voorzitter).',
        fields: [
          {
            kind: 'textarea',
            name: 'reason',
            label: 'Toelichting',
            description: 'Wat heeft de cliënt gezegd, en wanneer?',
            required: true,
            substantive: true,
          },
          {
            kind: 'checkbox',
            name: 'covenant',
            label: 'Verder op grond van een convenant (alleen de voorzitter)',
          },
          ...covenantFields('Convenant', (v) => v.covenant === true),
        ],
        initial: { reason: '', covenant: false, legalBasis: '', justification: '' },
        build: (v) => [
          {
            type: 'CONSENT_WITHDRAWN',
            reason: str(v.reason),
            ...(v.covenant === true
              ? {
                  continueUnder: {
                    legalBasis: str(v.legalBasis) as (typeof LEGAL_BASES_OVERRIDE)[number],
                    justification: str(v.justification),
                  },
                }
              : {}),
          },
        ],
      };
    case 'COVENANT_INVOKED':
      return {
        ...base,
        intro:
          'Alleen de voorzitter, in uitzonderlijke gevallen: het traject gaat verder zonder toestemming, op grond van een convenant.',
        fields: [...covenantFields('Convenant')],
        initial: { legalBasis: '', justification: '' },
        build: (v) => [
          {
            type: 'COVENANT_INVOKED',
            legalBasis: str(v.legalBasis) as (typeof LEGAL_BASES_OVERRIDE)[number],
            justification: str(v.justification),
          },
        ],
      };
    case 'HOUSED':
      return {
        ...base,
        intro:
          'Met een driepartijenovereenkomst (cliënt, woningcorporatie en verslavingszorg) volgt drie maanden na de ingang een evaluatie.',
        fields: [
          {
            kind: 'select',
            name: 'kind',
            label: 'Woonvorm',
            required: true,
            options: options(HOUSING_KINDS, HOUSING_LABELS),
          },
          { kind: 'checkbox', name: 'agreement', label: 'Met een driepartijenovereenkomst' },
          {
            kind: 'date',
            name: 'startDate',
            label: 'Ingangsdatum van de huurovereenkomst',
            required: true,
            when: (v) => v.agreement === true,
          },
          {
            kind: 'text',
            name: 'landlord',
            label: 'Verhuurder',
            required: true,
            minLength: 2,
            when: (v) => v.agreement === true,
          },
          {
            kind: 'text',
            name: 'careProvider',
            label: 'Zorgaanbieder',
            required: true,
            minLength: 2,
            when: (v) => v.agreement === true,
          },
        ],
        initial: { kind: '', agreement: false, startDate: '', landlord: '', careProvider: '' },
        build: (v) => [
          {
            type: 'HOUSED',
            kind: str(v.kind) as (typeof HOUSING_KINDS)[number],
            ...(v.agreement === true
              ? {
                  threePartyAgreement: {
                    startDate: str(v.startDate),
                    landlord: str(v.landlord),
                    careProvider: str(v.careProvider),
                  },
                }
              : {}),
          },
        ],
      };
    case 'THREE_PARTY_EVALUATED':
      return {
        ...base,
        intro: 'Bij beëindigen zoekt de cliënt opnieuw woonruimte.',
        fields: [
          {
            kind: 'radio',
            name: 'outcome',
            label: 'Uitkomst van de evaluatie',
            required: true,
            options: options(THREE_PARTY_OUTCOMES, THREE_PARTY_OUTCOME_LABELS),
          },
          {
            kind: 'textarea',
            name: 'note',
            label: 'Toelichting',
            description: 'Verplicht bij aanpassen of beëindigen.',
            substantive: true,
            required: false,
          },
        ],
        initial: { outcome: '', note: '' },
        build: (v) => [
          {
            type: 'THREE_PARTY_EVALUATED',
            outcome: str(v.outcome) as (typeof THREE_PARTY_OUTCOMES)[number],
            note: optionalText(v.note),
          },
        ],
      };
    case 'DAYTIME_ARRANGED':
      return {
        ...base,
        fields: [
          {
            kind: 'select',
            name: 'kind',
            label: 'Daginvulling',
            required: true,
            options: options(DAYTIME_KINDS, DAYTIME_LABELS),
          },
        ],
        initial: { kind: '' },
        build: (v) => [{ type: 'DAYTIME_ARRANGED', kind: str(v.kind) as (typeof DAYTIME_KINDS)[number] }],
      };
    case 'NETWORK_ASSESSED':
      return {
        ...base,
        intro: 'Een gezond netwerk helpt tegen terugval.',
        fields: [
          { kind: 'checkbox', name: 'healthyEngaged', label: 'Gezonde contacten zijn betrokken' },
          { kind: 'checkbox', name: 'unhealthyAtDistance', label: 'Ongezonde contacten staan op afstand' },
        ],
        initial: { healthyEngaged: false, unhealthyAtDistance: false },
        build: (v) => [
          {
            type: 'NETWORK_ASSESSED',
            healthyEngaged: v.healthyEngaged === true,
            unhealthyAtDistance: v.unhealthyAtDistance === true,
          },
        ],
      };
    case 'RELAPSED':
      return {
        ...base,
        intro: 'Na een terugval begint een nieuwe ronde vanaf de fase motivatie. De nazorg blijft staan.',
        fields: [
          {
            kind: 'textarea',
            name: 'note',
            label: 'Notitie (niet verplicht)',
            substantive: true,
          },
        ],
        initial: { note: '' },
        build: (v) => [{ type: 'RELAPSED', note: optionalText(v.note) }],
      };
    case 'MOVED_AWAY':
      return {
        ...base,
        intro: 'Het traject wordt afgesloten met een warme overdracht aan de nieuwe gemeente.',
        fields: [
          { kind: 'text', name: 'municipality', label: 'Nieuwe gemeente', required: true, minLength: 2 },
        ],
        initial: { municipality: '' },
        build: (v) => [{ type: 'MOVED_AWAY', municipality: str(v.municipality) }],
      };
    case 'TRAJECTORY_CLOSED': {
      const inAftercare = stageOf(snapshot) === 'aftercare';
      const probe = (reason: OutflowReason) =>
        refusalsFor(snapshot, { type: 'TRAJECTORY_CLOSED', reason, stillUsing: 'unknown' }).map(
          (r) => r.message,
        );
      // Moving away and not including have their own steps; the rest as the rules allow.
      const reasons = OUTFLOW_REASONS.filter((r) => r !== 'moved' && r !== 'not_included');
      return {
        ...base,
        submitLabel: 'Traject afsluiten',
        intro: 'Afsluiten is definitief: daarna kan er niets meer aan het traject worden vastgelegd.',
        fields: [
          {
            kind: 'radio',
            name: 'reason',
            label: 'Reden van afsluiten',
            required: true,
            options: reasons.map((reason) => {
              const why = probe(reason);
              return {
                value: reason,
                label: OUTFLOW_LABELS[reason],
                disabled: why.length > 0,
                description:
                  why.length > 0
                    ? `Nu niet mogelijk: ${why.join(' ')}`
                    : reason === 'goal_achieved' && inAftercare
                      ? 'De cliënt heeft een woning en een daginvulling.'
                      : undefined,
              };
            }),
          },
          {
            kind: 'radio',
            name: 'stillUsing',
            label: 'Gebruikt de cliënt nog middelen?',
            required: true,
            options: options(STILL_USING, STILL_USING_LABELS),
          },
        ],
        initial: { reason: '', stillUsing: '' },
        build: (v) => [
          {
            type: 'TRAJECTORY_CLOSED',
            reason: str(v.reason) as OutflowReason,
            stillUsing: str(v.stillUsing) as (typeof STILL_USING)[number],
          },
        ],
      };
    }
  }
}

/** Which covenant, and why going on without consent is needed (CONSENT_OVERRIDDEN, CONSENT_WITHDRAWN, COVENANT_INVOKED). */
function covenantFields(label: string, when?: BaseField['when']): FieldSpec[] {
  return [
    {
      kind: 'radio',
      name: 'legalBasis',
      label,
      required: true,
      options: options(LEGAL_BASES_OVERRIDE, LEGAL_BASIS_LABELS),
      when,
    },
    {
      kind: 'textarea',
      name: 'justification',
      label: 'Motivering',
      description: 'Verplicht: waarom is verder gaan zonder toestemming nodig?',
      required: true,
      substantive: true,
      when,
    },
  ];
}

function reasonField(label: string): FieldSpec {
  return { kind: 'textarea', name: 'reason', label, substantive: true };
}

/** The fields shown for these values. */
export const visibleFields = (form: EventForm, values: FormValues): FieldSpec[] =>
  form.fields.filter((field) => !field.when || field.when(values));

function fieldError(field: FieldSpec, value: unknown): string | null {
  const text = str(value);
  switch (field.kind) {
    case 'text':
    case 'textarea':
      if (!text) return field.required ? 'Vul dit veld in.' : null;
      if (field.kind === 'textarea' && field.substantive && !isSubstantive(text)) return SUBSTANTIVE_MESSAGE;
      if (field.minLength && text.length < field.minLength)
        return `Vul minstens ${field.minLength} tekens in.`;
      return null;
    case 'date':
      if (!text) return field.required ? 'Vul een datum in.' : null;
      return isIsoDate(text) ? null : 'Vul een geldige datum in, bijvoorbeeld 1 december 2026.';
    case 'select':
    case 'radio':
      return field.required && !text ? 'Maak een keuze.' : null;
    case 'checkboxes':
      return field.minChecked && list(value).length < field.minChecked
        ? 'Kies minstens één onderdeel.'
        : null;
    case 'checkbox':
      return null;
  }
}

/**
 * Everything the server would refuse, found before sending: the fields (as the DTOs check them) and then the
 * trajectory's rules for the event(s) on this snapshot, with their Dutch reasons.
 */
export function checkForm(form: EventForm, values: FormValues, snapshot: TrajectorySnapshot): FormCheck {
  const fieldErrors: Record<string, string> = {};
  for (const field of visibleFields(form, values)) {
    const error = fieldError(field, values[field.name]);
    if (error) fieldErrors[field.name] = error;
  }
  Object.assign(fieldErrors, form.extra?.(values) ?? {});
  if (Object.keys(fieldErrors).length > 0) return { fieldErrors, formErrors: [], payload: null };
  const events = form.build(values);
  const formErrors = [
    ...new Set(events.flatMap((event) => refusalsFor(snapshot, event).map((r) => r.message))),
  ];
  return { fieldErrors, formErrors, payload: events };
}
