/**
 * "Volgende stap": which events the trajectory takes now, asked of the machine itself. For every event the
 * current state has a transition for, `snapshot.can(probe)` with a well-formed sample event says whether the
 * context allows it (the payload is the form's business); when it does not, the rules say why, in Dutch. The
 * stage's milestone is always listed, also when the state has no transition for it yet (e.g. discharge while on
 * leave), so a person sees what is next and why it cannot happen yet.
 */
import {
  acceptedEventTypes,
  AFTERCARE_ITEMS,
  blockedMilestones,
  missingAftercareItems,
  refusalsFor,
  STAGE_MILESTONES,
  stageOf,
  type Stage,
  type TrajectoryEvent,
  type TrajectoryEventType,
  type TrajectorySnapshot,
} from '@koers/machines/trajectory';

export type StepGroup = 'forward' | 'other' | 'end';

export interface StepOption {
  type: TrajectoryEventType;
  group: StepGroup;
  /** The machine takes this event now (with a proper payload). */
  available: boolean;
  /** Why it is not possible now (Dutch), when not available. */
  reasons: string[];
  /** Possible, but the usual way is blocked (e.g. admission only with an urgent override). */
  warnings: string[];
  /** The event moves the trajectory to its next stage. */
  milestone: boolean;
}

const SAMPLE_TEXT = 'Een toelichting van enkele woorden.';
const FAR_DATE = '2999-12-01';

/** Well-formed sample events: the first is the usual one; any that the machine takes makes the step available. */
function probes(type: TrajectoryEventType, snapshot: TrajectorySnapshot): TrajectoryEvent[] {
  const context = snapshot.context;
  switch (type) {
    case 'INCLUSION_DECIDED':
      return [
        {
          type,
          included: true,
          criteria: ['serious_substance_use_disorder', 'resident', 'disproportionate_care_use'],
          reasons: SAMPLE_TEXT,
        },
      ];
    case 'CONSENT_GIVEN':
      return [{ type, scope: SAMPLE_TEXT }];
    case 'CONSENT_OVERRIDDEN':
    case 'COVENANT_INVOKED':
      return [{ type, legalBasis: 'care_covenant', justification: SAMPLE_TEXT }];
    case 'CONSENT_WITHDRAWN':
      return [{ type, reason: SAMPLE_TEXT }];
    case 'CONSENT_REFUSED':
    case 'WITHDRAWN':
    case 'TREATMENT_ABORTED':
      return [{ type }];
    case 'RELAPSED':
      return [{ type }];
    case 'TREATMENT_AGREED':
      return [{ type, treatment: 'clinical' }];
    case 'CONTACT_LOGGED':
      return [{ type, channel: 'visit', note: SAMPLE_TEXT }];
    case 'AFTERCARE_ITEM_PREPARED':
      return [{ type, item: missingAftercareItems(context.preparedAftercare)[0] ?? AFTERCARE_ITEMS[0] }];
    case 'ADMITTED':
      return [
        { type, facility: 'Kliniek' },
        { type, facility: 'Kliniek', urgentOverride: { reason: SAMPLE_TEXT } },
      ];
    case 'LEAVE_STARTED':
      return [{ type, until: FAR_DATE }];
    case 'LEAVE_ENDED':
      return [{ type, note: SAMPLE_TEXT }];
    case 'DISCHARGED':
      return [{ type, completed: true }];
    case 'POSTAL_ADDRESS_ARRANGED':
    case 'POSTAL_ADDRESS_EXTENDED':
      return [{ type, validUntil: FAR_DATE }];
    case 'POSTAL_ADDRESS_ENDED':
      return [{ type, reason: SAMPLE_TEXT }];
    case 'DEBT_ARRANGEMENT_SET':
      return [{ type, kind: 'none' }];
    case 'HOUSED':
      return [{ type, kind: 'social_rent' }];
    case 'THREE_PARTY_EVALUATED':
      return [{ type, outcome: 'continue' }];
    case 'DAYTIME_ARRANGED':
      return [{ type, kind: 'sport' }];
    case 'NETWORK_ASSESSED':
      return [{ type, healthyEngaged: true, unhealthyAtDistance: true }];
    case 'MOVED_AWAY':
      return [{ type, municipality: 'Elders' }];
    case 'TRAJECTORY_CLOSED':
      return stageOf(snapshot) === 'aftercare'
        ? [
            { type, reason: 'goal_achieved', stillUsing: 'no' },
            { type, reason: 'dropped_out', stillUsing: 'unknown' },
          ]
        : [{ type, reason: 'dropped_out', stillUsing: 'unknown' }];
  }
}

/** Events that move a stage forward or are the stage's own work, per stage. */
const FORWARD: Record<Stage, readonly TrajectoryEventType[]> = {
  signal: ['INCLUSION_DECIDED'],
  consent: ['CONSENT_GIVEN', 'CONSENT_OVERRIDDEN', 'CONSENT_REFUSED'],
  motivation: ['TREATMENT_AGREED'],
  waiting_list: ['AFTERCARE_ITEM_PREPARED', 'ADMITTED'],
  admission: ['LEAVE_STARTED', 'LEAVE_ENDED', 'DISCHARGED'],
  aftercare: [
    'POSTAL_ADDRESS_ARRANGED',
    'POSTAL_ADDRESS_EXTENDED',
    'POSTAL_ADDRESS_ENDED',
    'DEBT_ARRANGEMENT_SET',
    'HOUSED',
    'THREE_PARTY_EVALUATED',
    'DAYTIME_ARRANGED',
    'NETWORK_ASSESSED',
  ],
  closed: [],
};

const ENDING: readonly TrajectoryEventType[] = ['MOVED_AWAY', 'TRAJECTORY_CLOSED'];

/** Events after which there is no way back: they ask for a confirmation. */
export const IRREVERSIBLE: ReadonlySet<TrajectoryEventType> = new Set([
  'TRAJECTORY_CLOSED',
  'MOVED_AWAY',
  'CONSENT_REFUSED',
  'CONSENT_WITHDRAWN',
]);

/**
 * The steps of the current state, in the order the work goes: the stage's own work first, then the rest, then
 * ending it. `permitted`: the events the server offers the reader (accepted now, and of a data category the
 * reader's party may record); `explained`: the milestones the server explains as blocked to this reader. A milestone
 * the state does not take yet is listed only when the server explains it (need-to-know decides, not the page).
 */
export function nextSteps(
  snapshot: TrajectorySnapshot,
  permitted: readonly string[],
  explained: readonly string[] = [],
): StepOption[] {
  if (snapshot.status !== 'active') return [];
  const stage = stageOf(snapshot);
  const milestone = STAGE_MILESTONES[stage];
  const accepted = acceptedEventTypes(snapshot);
  const blocked = new Map(blockedMilestones(snapshot).map((m) => [m.type, m.reasons]));
  const types = new Set<TrajectoryEventType>(accepted);
  if (milestone) types.add(milestone);

  const options: StepOption[] = [];
  for (const type of types) {
    if (!permitted.includes(type) && !explained.includes(type)) continue;
    const samples = probes(type, snapshot);
    const available = accepted.includes(type) && samples.some((event) => snapshot.can(event));
    const reasons = available
      ? []
      : (blocked.get(type) ?? refusalsFor(snapshot, samples[0]).map((refusal) => refusal.message));
    options.push({
      type,
      group: ENDING.includes(type) ? 'end' : FORWARD[stage].includes(type) ? 'forward' : 'other',
      available,
      reasons,
      warnings: available ? (blocked.get(type) ?? []) : [],
      milestone: type === milestone,
    });
  }
  const order = (o: StepOption) =>
    (o.group === 'forward' ? 0 : o.group === 'other' ? 100 : 200) +
    [...FORWARD[stage], ...ENDING].indexOf(o.type);
  return options.sort((a, b) => order(a) - order(b));
}
