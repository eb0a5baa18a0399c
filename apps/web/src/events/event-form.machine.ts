/**
 * The life of one event form, as a statechart: editing (with the values and the problems found), an optional
 * confirmation for steps that cannot be undone, sending, and how it ended: saved, or a conflict (someone else
 * changed the client first: the page reloads), or back to editing with the trajectory's Dutch reasons (refused) or
 * a Dutch error. Pure: the sending is an actor the page provides (`send`), so this file runs in a unit test too.
 */
import { assign, fromPromise, setup } from 'xstate';

export type FormValue = string | boolean | string[];
export type FormValues = Record<string, FormValue>;

/** What the page found wrong before sending: per field, and about the whole (the machine's rules). */
export interface FormCheck {
  fieldErrors: Record<string, string>;
  formErrors: string[];
  /** What to send when nothing is wrong. */
  payload: unknown;
}

/** How sending failed, as the `send` actor reports it (it throws one of these). */
export type SendFailure =
  | { kind: 'conflict'; message: string }
  | { kind: 'refused'; reasons: string[] }
  | { kind: 'failed'; message: string };

export interface EventFormContext {
  values: FormValues;
  fieldErrors: Record<string, string>;
  /** The trajectory's reasons (client-side rules or the server's 422), in Dutch. */
  reasons: string[];
  error: string | null;
  payload: unknown;
  confirm: boolean;
  /** The answer of the last successful send. */
  result: unknown;
  conflictMessage: string | null;
}

export type EventFormEvent =
  | { type: 'CHANGE'; name: string; value: FormValue }
  | { type: 'SUBMIT'; check: FormCheck }
  | { type: 'CONFIRM' }
  | { type: 'BACK' };

export interface EventFormInput {
  values: FormValues;
  /** Ask "Weet u het zeker?" before sending (irreversible steps). */
  confirm?: boolean;
}

const isFailure = (error: unknown): error is SendFailure =>
  typeof error === 'object' && error !== null && 'kind' in error;

/** The kind of failure an actor's error event carries (guards see the error event as an unknown event). */
const failureKind = (event: unknown): SendFailure['kind'] | null => {
  const error = (event as { error?: unknown }).error;
  return isFailure(error) ? error.kind : null;
};

export const eventFormMachine = setup({
  types: {
    context: {} as EventFormContext,
    events: {} as EventFormEvent,
    input: {} as EventFormInput,
  },
  actors: {
    // Replaced by the page (machine.provide): posts the payload, resolves with the answer or throws a SendFailure.
    send: fromPromise<unknown, { payload: unknown }>(async () => {
      throw { kind: 'failed', message: 'Versturen is niet ingesteld.' } satisfies SendFailure;
    }),
  },
  guards: {
    hasProblems: ({ event }) =>
      event.type === 'SUBMIT' &&
      (Object.keys(event.check.fieldErrors).length > 0 || event.check.formErrors.length > 0),
    needsConfirmation: ({ context }) => context.confirm,
    isConflict: ({ event }) => failureKind(event) === 'conflict',
    isRefusal: ({ event }) => failureKind(event) === 'refused',
  },
  actions: {
    change: assign(({ context, event }) => {
      if (event.type !== 'CHANGE') return {};
      const fieldErrors = { ...context.fieldErrors };
      delete fieldErrors[event.name];
      return { values: { ...context.values, [event.name]: event.value }, fieldErrors };
    }),
    showProblems: assign(({ event }) => {
      if (event.type !== 'SUBMIT') return {};
      return { fieldErrors: event.check.fieldErrors, reasons: event.check.formErrors, error: null };
    }),
    accept: assign(({ event }) => {
      if (event.type !== 'SUBMIT') return {};
      return { payload: event.check.payload, fieldErrors: {}, reasons: [], error: null };
    }),
  },
}).createMachine({
  id: 'eventForm',
  context: ({ input }) => ({
    values: input.values,
    fieldErrors: {},
    reasons: [],
    error: null,
    payload: null,
    confirm: input.confirm ?? false,
    result: null,
    conflictMessage: null,
  }),
  initial: 'editing',
  states: {
    editing: {
      on: {
        CHANGE: { actions: 'change' },
        SUBMIT: [
          { guard: 'hasProblems', actions: 'showProblems' },
          { guard: 'needsConfirmation', target: 'confirming', actions: 'accept' },
          { target: 'sending', actions: 'accept' },
        ],
      },
    },
    confirming: {
      on: {
        CONFIRM: 'sending',
        BACK: 'editing',
      },
    },
    sending: {
      invoke: {
        src: 'send',
        input: ({ context }) => ({ payload: context.payload }),
        onDone: { target: 'saved', actions: assign({ result: ({ event }) => event.output }) },
        onError: [
          {
            guard: 'isConflict',
            target: 'conflict',
            actions: assign({
              conflictMessage: ({ event }) => (event.error as SendFailure & { message: string }).message,
            }),
          },
          {
            guard: 'isRefusal',
            target: 'editing',
            actions: assign({
              reasons: ({ event }) => (event.error as Extract<SendFailure, { kind: 'refused' }>).reasons,
            }),
          },
          {
            target: 'editing',
            actions: assign({
              error: ({ event }) =>
                isFailure(event.error) && event.error.kind === 'failed'
                  ? event.error.message
                  : 'Er ging iets mis. Probeer het opnieuw.',
            }),
          },
        ],
      },
    },
    saved: { type: 'final' },
    conflict: { type: 'final' },
  },
});
