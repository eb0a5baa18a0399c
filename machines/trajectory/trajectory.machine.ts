// The client trajectory as a pure XState v5 statechart (domain.md §2).
// Pure: no side effects, no delays (`after`), no actors. The server steps it with `transition()`.
// Guards call the rules in trajectory.rules.ts; a guard passes iff its rule returns no refusals.

import { and, assertEvent, assign, setup } from 'xstate';
import {
  admissionRefusals,
  closureRefusals,
  consentGivenRefusals,
  consentOverrideRefusals,
  consentRefusedRefusals,
  consentWithdrawalRefusals,
  covenantInvocationRefusals,
  hasActivePostalAddress,
  hasEndedPostalAddress,
  hasExpiredPostalAddress,
  hasLegalBasis,
  housingRefusals,
  inclusionRefusals,
  isHoused,
  leaveStartRefusals,
  moveRefusals,
  normalizeOptionalText,
  postalArrangementRefusals,
  postalEndRefusals,
  postalExtensionRefusals,
  threePartyEvaluationRefusals,
  treatmentAbortRefusals,
  withdrawalRefusals,
} from './trajectory.rules';
import {
  AFTERCARE_ITEMS,
  type OpenStage,
  type OutflowReason,
  type Setback,
  type Stage,
  type TrajectoryContext,
  type TrajectoryEvent,
  type TrajectoryInput,
} from './trajectory.types';

export const TRAJECTORY_MACHINE_ID = 'trajectory';
/**
 * Bump when a stored snapshot of the previous version would no longer restore as-is, or when this version stores
 * snapshots an older build must not read (add an upgrade step in libs/trajectory/src/snapshot-versions.ts and a
 * fixture). Version 2: the legal basis `none` and the events CONSENT_WITHDRAWN and COVENANT_INVOKED; a version 1
 * snapshot is a valid version 2 snapshot as it is, but a version 1 build would misread a basis `none`.
 */
export const TRAJECTORY_MACHINE_VERSION = 2;

/** The context of a new trajectory. */
export function initialTrajectoryContext(): TrajectoryContext {
  return {
    inclusion: null,
    legalBasis: null,
    treatment: null,
    preparedAftercare: [],
    admission: null,
    leaveUntil: null,
    leaveOverdue: false,
    discharge: null,
    relapses: 0,
    contacts: 0,
    setback: null,
    postalAddress: null,
    debtArrangement: null,
    housing: null,
    daytimeActivity: null,
    network: null,
    closure: null,
    movedTo: null,
  };
}

/**
 * Going back to `motivation` starts a new round towards admission: the agreed treatment, the aftercare
 * checklist, the admission and leave are cleared (the event history keeps them). Aftercare facts
 * (postal address, debts, housing, daytime activity, network) stay: they describe the client's life,
 * and re-entering aftercare resumes each region from them.
 */
function newRound(
  context: TrajectoryContext,
  setback: Setback,
  relapse: boolean,
): Partial<TrajectoryContext> {
  return {
    treatment: null,
    preparedAftercare: [],
    admission: null,
    leaveUntil: null,
    leaveOverdue: false,
    discharge: null,
    setback,
    relapses: relapse ? context.relapses + 1 : context.relapses,
  };
}

/** Transitions every open stage accepts. */
function openStageTransitions(stage: OpenStage) {
  return {
    CONTACT_LOGGED: { guard: 'legalBasisInForce', actions: 'recordContact' },
    MOVED_AWAY: { guard: 'moveAllowed', target: `#${TRAJECTORY_MACHINE_ID}.closed`, actions: 'recordMove' },
    TRAJECTORY_CLOSED: {
      guard: { type: 'closureAllowed', params: { stage } },
      target: `#${TRAJECTORY_MACHINE_ID}.closed`,
      actions: 'recordClosure',
    },
  } as const;
}

/**
 * Changes of the legal basis, in every open stage past `consent` (the consent stage records the first basis).
 * They change the basis, never the stage.
 */
const LEGAL_BASIS_TRANSITIONS = {
  CONSENT_WITHDRAWN: { guard: 'consentWithdrawalAllowed', actions: 'recordConsentWithdrawal' },
  COVENANT_INVOKED: { guard: 'covenantInvocationAllowed', actions: 'recordCovenant' },
} as const;

export const trajectoryMachine = setup({
  types: {
    context: {} as TrajectoryContext,
    events: {} as TrajectoryEvent,
    input: undefined as TrajectoryInput,
  },
  guards: {
    // Consent withdrawn without a covenant (`none`): the trajectory stands still (EVENTS_WITHOUT_LEGAL_BASIS).
    legalBasisInForce: ({ context }) => hasLegalBasis(context),
    consentWithdrawalAllowed: ({ context, event }) => {
      assertEvent(event, 'CONSENT_WITHDRAWN');
      return consentWithdrawalRefusals(context, event).length === 0;
    },
    covenantInvocationAllowed: ({ context, event }) => {
      assertEvent(event, 'COVENANT_INVOKED');
      return covenantInvocationRefusals(context, event).length === 0;
    },
    inclusionAllowed: ({ event }) => {
      assertEvent(event, 'INCLUSION_DECIDED');
      return event.included && inclusionRefusals(event).length === 0;
    },
    exclusionAllowed: ({ event }) => {
      assertEvent(event, 'INCLUSION_DECIDED');
      return !event.included && inclusionRefusals(event).length === 0;
    },
    consentGivenAllowed: ({ event }) => {
      assertEvent(event, 'CONSENT_GIVEN');
      return consentGivenRefusals(event).length === 0;
    },
    consentOverrideAllowed: ({ event }) => {
      assertEvent(event, 'CONSENT_OVERRIDDEN');
      return consentOverrideRefusals(event).length === 0;
    },
    consentRefusalAllowed: ({ event }) => {
      assertEvent(event, 'CONSENT_REFUSED');
      return consentRefusedRefusals(event).length === 0;
    },
    admissionAllowed: ({ context, event }) => {
      assertEvent(event, 'ADMITTED');
      return admissionRefusals(context, event).length === 0;
    },
    withdrawalAllowed: ({ event }) => {
      assertEvent(event, 'WITHDRAWN');
      return withdrawalRefusals(event).length === 0;
    },
    leaveStartAllowed: ({ event }) => {
      assertEvent(event, 'LEAVE_STARTED');
      return leaveStartRefusals(event).length === 0;
    },
    abortAllowed: ({ event }) => {
      assertEvent(event, 'TREATMENT_ABORTED');
      return treatmentAbortRefusals(event).length === 0;
    },
    postalArrangementAllowed: ({ event }) => {
      assertEvent(event, 'POSTAL_ADDRESS_ARRANGED');
      return postalArrangementRefusals(event).length === 0;
    },
    postalExtensionAllowed: ({ context, event }) => {
      assertEvent(event, 'POSTAL_ADDRESS_EXTENDED');
      return postalExtensionRefusals(context, event).length === 0;
    },
    postalEndAllowed: ({ event }) => {
      assertEvent(event, 'POSTAL_ADDRESS_ENDED');
      return postalEndRefusals(event).length === 0;
    },
    housingAllowed: ({ event }) => {
      assertEvent(event, 'HOUSED');
      return housingRefusals(event).length === 0;
    },
    threePartyTerminationAllowed: ({ context, event }) => {
      assertEvent(event, 'THREE_PARTY_EVALUATED');
      return event.outcome === 'terminate' && threePartyEvaluationRefusals(context, event).length === 0;
    },
    threePartyContinuationAllowed: ({ context, event }) => {
      assertEvent(event, 'THREE_PARTY_EVALUATED');
      return event.outcome !== 'terminate' && threePartyEvaluationRefusals(context, event).length === 0;
    },
    moveAllowed: ({ event }) => {
      assertEvent(event, 'MOVED_AWAY');
      return moveRefusals(event).length === 0;
    },
    closureAllowed: ({ context, event }, params: { stage: Stage }) => {
      assertEvent(event, 'TRAJECTORY_CLOSED');
      return closureRefusals(params.stage, context, event).length === 0;
    },
    // System event DEADLINE_REACHED: only the kind that belongs to the state has an effect.
    postalAddressExpiryReached: ({ event }) => {
      assertEvent(event, 'DEADLINE_REACHED');
      return event.kind === 'postal_address_expiry';
    },
    leaveReturnReached: ({ event }) => {
      assertEvent(event, 'DEADLINE_REACHED');
      return event.kind === 'leave_return';
    },
    // Eventless: re-entering aftercare (after a relapse) resumes each region from the recorded facts.
    postalAddressIsActive: ({ context }) => hasActivePostalAddress(context),
    postalAddressHasExpired: ({ context }) => hasExpiredPostalAddress(context),
    postalAddressHasEnded: ({ context }) => hasEndedPostalAddress(context),
    housingIsKnown: ({ context }) => isHoused(context),
    daytimeActivityIsKnown: ({ context }) => context.daytimeActivity !== null,
    networkIsKnown: ({ context }) => context.network !== null,
  },
  actions: {
    recordInclusion: assign(({ event }) => {
      assertEvent(event, 'INCLUSION_DECIDED');
      return {
        inclusion: {
          included: event.included,
          criteria: [...event.criteria],
          reasons: event.reasons.trim(),
          override: event.override ? { reason: event.override.reason.trim() } : null,
        },
      };
    }),
    recordAutomaticClosure: assign((_, params: { reason: OutflowReason }) => ({
      closure: { reason: params.reason, stillUsing: 'unknown' as const, explanation: null },
    })),
    recordConsent: assign(({ event }) => {
      assertEvent(event, 'CONSENT_GIVEN');
      return { legalBasis: { kind: 'consent' as const, scope: event.scope.trim() } };
    }),
    recordConsentOverride: assign(({ event }) => {
      assertEvent(event, 'CONSENT_OVERRIDDEN');
      return { legalBasis: { kind: event.legalBasis, justification: event.justification.trim() } };
    }),
    recordConsentWithdrawal: assign(({ event }) => {
      assertEvent(event, 'CONSENT_WITHDRAWN');
      const covenant = event.continueUnder;
      return {
        legalBasis: covenant
          ? { kind: covenant.legalBasis, justification: covenant.justification.trim() }
          : { kind: 'none' as const, reason: event.reason.trim() },
      };
    }),
    recordCovenant: assign(({ event }) => {
      assertEvent(event, 'COVENANT_INVOKED');
      return { legalBasis: { kind: event.legalBasis, justification: event.justification.trim() } };
    }),
    recordConsentRefusal: assign(({ event }) => {
      assertEvent(event, 'CONSENT_REFUSED');
      return {
        closure: {
          reason: 'declined' as const,
          stillUsing: 'unknown' as const,
          explanation: normalizeOptionalText(event.reason),
        },
      };
    }),
    recordTreatment: assign(({ event }) => {
      assertEvent(event, 'TREATMENT_AGREED');
      return { treatment: event.treatment };
    }),
    recordContact: assign(({ context }) => ({ contacts: context.contacts + 1 })),
    recordAftercareItem: assign(({ context, event }) => {
      assertEvent(event, 'AFTERCARE_ITEM_PREPARED');
      // Idempotent, and kept in checklist order.
      return {
        preparedAftercare: AFTERCARE_ITEMS.filter(
          (i) => i === event.item || context.preparedAftercare.includes(i),
        ),
      };
    }),
    recordAdmission: assign(({ event }) => {
      assertEvent(event, 'ADMITTED');
      return {
        admission: {
          facility: event.facility.trim(),
          urgentOverride: event.urgentOverride ? { reason: event.urgentOverride.reason.trim() } : null,
        },
      };
    }),
    recordWithdrawal: assign(({ context, event }) => {
      assertEvent(event, 'WITHDRAWN');
      const setback: Setback = {
        type: 'WITHDRAWN',
        fromStage: 'waiting_list',
        explanation: normalizeOptionalText(event.reason),
      };
      return newRound(context, setback, false);
    }),
    recordLeaveStart: assign(({ event }) => {
      assertEvent(event, 'LEAVE_STARTED');
      return { leaveUntil: event.until };
    }),
    recordLeaveEnd: assign({ leaveUntil: null }),
    recordLeaveOverdue: assign({ leaveOverdue: true }),
    // Exit of `on_leave`: LEAVE_ENDED, and leaving admission while on leave (abort, move, closure).
    clearLeaveOverdue: assign({ leaveOverdue: false }),
    recordDischarge: assign(({ event }) => {
      assertEvent(event, 'DISCHARGED');
      return { discharge: { completed: event.completed }, leaveUntil: null };
    }),
    recordAbort: assign(({ context, event }) => {
      assertEvent(event, 'TREATMENT_ABORTED');
      const setback: Setback = {
        type: 'TREATMENT_ABORTED',
        fromStage: 'admission',
        explanation: normalizeOptionalText(event.reason),
      };
      return newRound(context, setback, true);
    }),
    recordRelapse: assign(({ context, event }) => {
      assertEvent(event, 'RELAPSED');
      const setback: Setback = {
        type: 'RELAPSED',
        fromStage: 'aftercare',
        explanation: normalizeOptionalText(event.note),
      };
      return newRound(context, setback, true);
    }),
    recordPostalAddress: assign(({ event }) => {
      assertEvent(event, 'POSTAL_ADDRESS_ARRANGED');
      return { postalAddress: { validUntil: event.validUntil, endedReason: null, expired: false } };
    }),
    recordPostalExtension: assign(({ event }) => {
      assertEvent(event, 'POSTAL_ADDRESS_EXTENDED');
      return { postalAddress: { validUntil: event.validUntil, endedReason: null, expired: false } };
    }),
    recordPostalEnd: assign(({ context, event }) => {
      assertEvent(event, 'POSTAL_ADDRESS_ENDED');
      const validUntil = context.postalAddress?.validUntil ?? '';
      const expired = context.postalAddress?.expired === true;
      return { postalAddress: { validUntil, endedReason: event.reason.trim(), expired } };
    }),
    recordPostalAddressExpiry: assign(({ context }) => {
      if (context.postalAddress === null) return {};
      return { postalAddress: { ...context.postalAddress, expired: true } };
    }),
    recordDebtArrangement: assign(({ event }) => {
      assertEvent(event, 'DEBT_ARRANGEMENT_SET');
      return { debtArrangement: event.kind };
    }),
    recordHousing: assign(({ event }) => {
      assertEvent(event, 'HOUSED');
      const agreement = event.threePartyAgreement;
      return {
        housing: {
          kind: event.kind,
          threePartyAgreement: agreement
            ? {
                startDate: agreement.startDate,
                landlord: agreement.landlord.trim(),
                careProvider: agreement.careProvider.trim(),
              }
            : null,
          lastEvaluation: null,
        },
      };
    }),
    recordThreePartyEvaluation: assign(({ context, event }) => {
      assertEvent(event, 'THREE_PARTY_EVALUATED');
      if (context.housing === null) return {};
      return {
        housing: {
          ...context.housing,
          lastEvaluation: { outcome: event.outcome, note: normalizeOptionalText(event.note) },
        },
      };
    }),
    recordDaytimeActivity: assign(({ event }) => {
      assertEvent(event, 'DAYTIME_ARRANGED');
      return { daytimeActivity: event.kind };
    }),
    recordNetwork: assign(({ event }) => {
      assertEvent(event, 'NETWORK_ASSESSED');
      return {
        network: { healthyEngaged: event.healthyEngaged, unhealthyAtDistance: event.unhealthyAtDistance },
      };
    }),
    recordMove: assign(({ event }) => {
      assertEvent(event, 'MOVED_AWAY');
      const municipality = event.municipality.trim();
      return {
        movedTo: municipality,
        closure: { reason: 'moved' as const, stillUsing: 'unknown' as const, explanation: null },
      };
    }),
    recordClosure: assign(({ event }) => {
      assertEvent(event, 'TRAJECTORY_CLOSED');
      return { closure: { reason: event.reason, stillUsing: event.stillUsing, explanation: null } };
    }),
  },
}).createMachine({
  id: TRAJECTORY_MACHINE_ID,
  initial: 'signal',
  context: () => initialTrajectoryContext(),
  states: {
    signal: {
      on: {
        INCLUSION_DECIDED: [
          { guard: 'inclusionAllowed', target: 'consent', actions: 'recordInclusion' },
          {
            guard: 'exclusionAllowed',
            target: 'closed',
            actions: [
              'recordInclusion',
              { type: 'recordAutomaticClosure', params: { reason: 'not_included' } },
            ],
          },
        ],
        ...openStageTransitions('signal'),
      },
    },
    consent: {
      on: {
        CONSENT_GIVEN: { guard: 'consentGivenAllowed', target: 'motivation', actions: 'recordConsent' },
        CONSENT_OVERRIDDEN: {
          guard: 'consentOverrideAllowed',
          target: 'motivation',
          actions: 'recordConsentOverride',
        },
        CONSENT_REFUSED: {
          guard: 'consentRefusalAllowed',
          target: 'closed',
          actions: 'recordConsentRefusal',
        },
        ...openStageTransitions('consent'),
      },
    },
    motivation: {
      on: {
        TREATMENT_AGREED: { guard: 'legalBasisInForce', target: 'waiting_list', actions: 'recordTreatment' },
        ...LEGAL_BASIS_TRANSITIONS,
        ...openStageTransitions('motivation'),
      },
    },
    waiting_list: {
      on: {
        AFTERCARE_ITEM_PREPARED: { guard: 'legalBasisInForce', actions: 'recordAftercareItem' },
        ADMITTED: {
          guard: and(['legalBasisInForce', 'admissionAllowed']),
          target: 'admission',
          actions: 'recordAdmission',
        },
        WITHDRAWN: {
          guard: and(['legalBasisInForce', 'withdrawalAllowed']),
          target: 'motivation',
          actions: 'recordWithdrawal',
        },
        ...LEGAL_BASIS_TRANSITIONS,
        ...openStageTransitions('waiting_list'),
      },
    },
    admission: {
      initial: 'in_treatment',
      states: {
        in_treatment: {
          on: {
            LEAVE_STARTED: {
              guard: and(['legalBasisInForce', 'leaveStartAllowed']),
              target: 'on_leave',
              actions: 'recordLeaveStart',
            },
            // Discharge happens from the clinic: a client on leave returns (LEAVE_ENDED) first.
            DISCHARGED: {
              guard: 'legalBasisInForce',
              target: `#${TRAJECTORY_MACHINE_ID}.aftercare`,
              actions: 'recordDischarge',
            },
          },
        },
        on_leave: {
          exit: 'clearLeaveOverdue',
          on: {
            LEAVE_ENDED: { guard: 'legalBasisInForce', target: 'in_treatment', actions: 'recordLeaveEnd' },
            // The client is due back: stays on leave, recorded so that it can be shown (leave_overdue).
            DEADLINE_REACHED: {
              guard: and(['legalBasisInForce', 'leaveReturnReached']),
              actions: 'recordLeaveOverdue',
            },
          },
        },
      },
      on: {
        TREATMENT_ABORTED: {
          guard: and(['legalBasisInForce', 'abortAllowed']),
          target: 'motivation',
          actions: 'recordAbort',
        },
        ...LEGAL_BASIS_TRANSITIONS,
        ...openStageTransitions('admission'),
      },
    },
    aftercare: {
      type: 'parallel',
      states: {
        finances: {
          initial: 'none',
          on: {
            DEBT_ARRANGEMENT_SET: { guard: 'legalBasisInForce', actions: 'recordDebtArrangement' },
          },
          states: {
            none: {
              always: [
                { guard: 'postalAddressHasEnded', target: 'ended' },
                { guard: 'postalAddressHasExpired', target: 'expired' },
                { guard: 'postalAddressIsActive', target: 'active' },
              ],
              on: {
                POSTAL_ADDRESS_ARRANGED: {
                  guard: and(['legalBasisInForce', 'postalArrangementAllowed']),
                  target: 'active',
                  actions: 'recordPostalAddress',
                },
              },
            },
            active: {
              on: {
                POSTAL_ADDRESS_EXTENDED: {
                  guard: and(['legalBasisInForce', 'postalExtensionAllowed']),
                  actions: 'recordPostalExtension',
                },
                POSTAL_ADDRESS_ENDED: {
                  guard: and(['legalBasisInForce', 'postalEndAllowed']),
                  target: 'ended',
                  actions: 'recordPostalEnd',
                },
                DEADLINE_REACHED: {
                  guard: and(['legalBasisInForce', 'postalAddressExpiryReached']),
                  target: 'expired',
                  actions: 'recordPostalAddressExpiry',
                },
              },
            },
            // The validUntil passed (DEADLINE_REACHED) without an extension: extend it, arrange a new one, or end it.
            expired: {
              on: {
                POSTAL_ADDRESS_EXTENDED: {
                  guard: and(['legalBasisInForce', 'postalExtensionAllowed']),
                  target: 'active',
                  actions: 'recordPostalExtension',
                },
                POSTAL_ADDRESS_ARRANGED: {
                  guard: and(['legalBasisInForce', 'postalArrangementAllowed']),
                  target: 'active',
                  actions: 'recordPostalAddress',
                },
                POSTAL_ADDRESS_ENDED: {
                  guard: and(['legalBasisInForce', 'postalEndAllowed']),
                  target: 'ended',
                  actions: 'recordPostalEnd',
                },
              },
            },
            ended: {
              on: {
                POSTAL_ADDRESS_ARRANGED: {
                  guard: and(['legalBasisInForce', 'postalArrangementAllowed']),
                  target: 'active',
                  actions: 'recordPostalAddress',
                },
              },
            },
          },
        },
        housing: {
          initial: 'searching',
          states: {
            searching: {
              always: { guard: 'housingIsKnown', target: 'housed' },
              on: {
                HOUSED: {
                  guard: and(['legalBasisInForce', 'housingAllowed']),
                  target: 'housed',
                  actions: 'recordHousing',
                },
              },
            },
            housed: {
              on: {
                // Moving house: a new HOUSED replaces the record (and its agreement).
                HOUSED: { guard: and(['legalBasisInForce', 'housingAllowed']), actions: 'recordHousing' },
                THREE_PARTY_EVALUATED: [
                  {
                    guard: and(['legalBasisInForce', 'threePartyTerminationAllowed']),
                    target: 'searching',
                    actions: 'recordThreePartyEvaluation',
                  },
                  {
                    guard: and(['legalBasisInForce', 'threePartyContinuationAllowed']),
                    actions: 'recordThreePartyEvaluation',
                  },
                ],
              },
            },
          },
        },
        daytime_activity: {
          initial: 'none',
          states: {
            none: {
              always: { guard: 'daytimeActivityIsKnown', target: 'arranged' },
              on: {
                DAYTIME_ARRANGED: {
                  guard: 'legalBasisInForce',
                  target: 'arranged',
                  actions: 'recordDaytimeActivity',
                },
              },
            },
            arranged: {
              on: {
                DAYTIME_ARRANGED: { guard: 'legalBasisInForce', actions: 'recordDaytimeActivity' },
              },
            },
          },
        },
        network: {
          initial: 'unassessed',
          states: {
            unassessed: {
              always: { guard: 'networkIsKnown', target: 'assessed' },
              on: {
                NETWORK_ASSESSED: {
                  guard: 'legalBasisInForce',
                  target: 'assessed',
                  actions: 'recordNetwork',
                },
              },
            },
            assessed: {
              on: {
                NETWORK_ASSESSED: { guard: 'legalBasisInForce', actions: 'recordNetwork' },
              },
            },
          },
        },
      },
      on: {
        RELAPSED: { guard: 'legalBasisInForce', target: 'motivation', actions: 'recordRelapse' },
        ...LEGAL_BASIS_TRANSITIONS,
        ...openStageTransitions('aftercare'),
      },
    },
    closed: {
      type: 'final',
    },
  },
});

export type TrajectoryMachine = typeof trajectoryMachine;
