import type { DomainErrorDetail } from '@koers/errors';
import {
  ADDITIONAL_CRITERIA,
  CORE_PARTIES,
  CRITERION_LABELS,
  INCLUSION_CRITERIA,
  REQUIRED_CRITERIA,
  type CoreParty,
} from '@koers/machines/trajectory';
import type { TeamInclusionCriteria } from '@koers/persistence';

/** The handreiking's inclusion criteria (3.6; domain.md §2): both required ones and at least one other. */
export const DEFAULT_INCLUSION_CRITERIA: TeamInclusionCriteria = {
  required: [...REQUIRED_CRITERIA],
  atLeastOneOf: [...ADDITIONAL_CRITERIA],
};

export const DEFAULT_MEETING_INTERVAL_WEEKS = 2;

export const CORE_PARTY_LABELS = {
  municipality: 'Gemeente',
  addiction_care: 'Verslavingszorg',
  police: 'Politie',
} as const satisfies Record<CoreParty, string>;

export const COVENANT_KIND_LABELS = {
  care_covenant: 'Zorgstructuurconvenant',
  safety_covenant: 'Veiligheidshuisconvenant',
  both: 'Zorgstructuur- en veiligheidshuisconvenant',
} as const;

/** Problems with a team's own inclusion criteria (ids are checked against the known ones by the DTO). */
export function inclusionCriteriaProblems(criteria: TeamInclusionCriteria): DomainErrorDetail[] {
  const problems: DomainErrorDetail[] = [];
  if (criteria.required.length + criteria.atLeastOneOf.length === 0) {
    problems.push({
      code: 'invalid_field',
      field: 'inclusionCriteria',
      message: 'inclusionCriteria must name at least one criterion (required or atLeastOneOf)',
    });
  }
  const both = criteria.required.filter((id) => criteria.atLeastOneOf.includes(id));
  if (both.length > 0) {
    problems.push({
      code: 'invalid_field',
      field: 'inclusionCriteria.atLeastOneOf',
      message: `inclusionCriteria.atLeastOneOf must not repeat a required criterion (${both.join(', ')})`,
    });
  }
  return problems;
}

export interface InclusionCriteriaView extends TeamInclusionCriteria {
  /** `handreiking` while the casusoverleg has not set its own. */
  source: 'handreiking' | 'team';
  labels: Record<string, string>;
}

export function inclusionCriteriaView(stored: TeamInclusionCriteria | null): InclusionCriteriaView {
  const criteria = stored ?? DEFAULT_INCLUSION_CRITERIA;
  // Stored in the order of INCLUSION_CRITERIA, so the answer does not depend on the order they were sent in.
  const ordered = (ids: string[]) => INCLUSION_CRITERIA.filter((id) => ids.includes(id));
  return {
    required: ordered(criteria.required),
    atLeastOneOf: ordered(criteria.atLeastOneOf),
    source: stored ? 'team' : 'handreiking',
    labels: { ...CRITERION_LABELS },
  };
}

// ---------------------------------------------------------------------------------------------------------
// The checklist (handreiking Bijlage 1)

export const CHECKLIST_ITEMS = [
  'chair',
  'addiction_care_participant',
  'police_participant',
  'deputies',
  'covenant',
  'budget',
  'meeting_rhythm',
  'inclusion_criteria',
  'success_definition',
  'deadline_settings',
] as const;
export type ChecklistItemId = (typeof CHECKLIST_ITEMS)[number];

export interface ChecklistItem {
  id: ChecklistItemId;
  label: string;
  done: boolean;
  /** What to do, for an open item only. */
  hint?: string;
}

export interface SetupParticipant {
  displayName: string;
  partyKind: string;
  role: string;
  /** Whether a deputy is on record for a period that has not ended. */
  hasDeputy: boolean;
}

export interface SetupFacts {
  participants: SetupParticipant[];
  covenant: boolean;
  /** The calendar year (Amsterdam) the budget is checked for, and whether one is on record for it. */
  year: number;
  budgetForYear: boolean;
  meetingIntervalWeeks: number;
  successDefinition: boolean;
}

const isCoreParty = (kind: string): kind is CoreParty => (CORE_PARTIES as readonly string[]).includes(kind);

function dutchList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} en ${items[items.length - 1]}`;
}

/**
 * Which items of the set-up are done. The meeting rhythm, inclusion criteria and deadline settings have
 * the handreiking's defaults, so they are done from the start (and can be adjusted); the others need
 * the casusoverleg to act.
 */
export function buildChecklist(facts: SetupFacts): ChecklistItem[] {
  const ofParty = (kind: CoreParty) => facts.participants.filter((p) => p.partyKind === kind);
  const core = facts.participants.filter((p) => isCoreParty(p.partyKind));
  const withoutDeputy = core.filter((p) => !p.hasDeputy).map((p) => p.displayName);
  const hasChair = ofParty('municipality').some((p) => p.role === 'chair');

  const item = (id: ChecklistItemId, label: string, done: boolean, hint: string): ChecklistItem =>
    done ? { id, label, done } : { id, label, done, hint };

  return [
    item(
      'chair',
      'Voorzitter namens de gemeente (procesregisseur)',
      hasChair,
      ofParty('municipality').length > 0
        ? 'Geef een deelnemer van de gemeente de rol van voorzitter: die leidt het overleg en beheert het budget.'
        : 'Neem de procesregisseur van de gemeente op als deelnemer en voorzitter van de casusoverleg.',
    ),
    item(
      'addiction_care_participant',
      'Deelnemer namens de verslavingszorg (outreachend werker)',
      ofParty('addiction_care').length > 0,
      'Neem ten minste één outreachend werker van de verslavingszorg op als deelnemer.',
    ),
    item(
      'police_participant',
      'Deelnemer namens de politie (operationeel expert)',
      ofParty('police').length > 0,
      'Neem ten minste één operationeel expert van de politie op als deelnemer.',
    ),
    item(
      'deputies',
      'Vervanging afgesproken voor elke deelnemer van gemeente, verslavingszorg en politie',
      core.length > 0 && withoutDeputy.length === 0,
      core.length === 0
        ? 'Neem eerst deelnemers van de kernpartners op en leg daarna voor ieder een vervanger vast.'
        : `Leg een vervanger vast voor ${dutchList(withoutDeputy)}.`,
    ),
    item(
      'covenant',
      'Convenant waaronder informatie wordt gedeeld',
      facts.covenant,
      'Leg vast onder welk convenant (zorgstructuur- of veiligheidshuisconvenant) de casusoverleg informatie deelt, met de naam en de datum van ondertekening.',
    ),
    item(
      'budget',
      `Budget van de casusoverleg voor ${facts.year}`,
      facts.budgetForYear,
      `Leg het jaarbudget voor ${facts.year} vast, zodat snel betaald kan worden wanneer dat nodig is.`,
    ),
    item(
      'meeting_rhythm',
      `Vergaderritme: elke ${facts.meetingIntervalWeeks} weken`,
      true,
      'Kies een ritme van elke 2 of 3 weken.',
    ),
    item(
      'inclusion_criteria',
      'Inclusiecriteria (standaard die van de handreiking, aan te passen)',
      true,
      'Stel de inclusiecriteria vast.',
    ),
    item(
      'success_definition',
      'Wat de casusoverleg verstaat onder een geslaagd traject',
      facts.successDefinition,
      'Beschrijf wat de casusoverleg als een geslaagd traject ziet, zodat in- en uitstroom verantwoord kunnen worden.',
    ),
    item(
      'deadline_settings',
      'Termijnen en escalaties (standaardtermijnen, aan te passen)',
      true,
      'Stel de termijnen vast.',
    ),
  ];
}
