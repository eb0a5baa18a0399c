/**
 * Meeting mode (issue 6): the chair walks the agenda in order against the meeting's time budget (about two
 * hours). This is the screen's own state: which item is being discussed, and a stopwatch per item and for the
 * whole meeting. The stopwatch is UI time only (architecture invariant 2 concerns business deadlines, which live
 * in PostgreSQL): it ticks through a callback actor while the meeting runs and stands still while paused.
 * Holding the meeting is the one step with an effect; it runs as an invoked promise the page provides.
 */
import { assertEvent, assign, fromCallback, fromPromise, setup } from 'xstate';

export interface MeetingModeItem {
  clientId: string;
  estimateMinutes: number;
}

export interface MeetingModeInput {
  /** The meeting's time budget in minutes (120: the handreiking's two hours). */
  budgetMinutes: number;
  /** The meeting was held already: meeting mode opens on its result. */
  alreadyHeld?: boolean;
  /** How often the stopwatch ticks (ms). */
  tickMs?: number;
}

/** Plain data only, so the page can keep it in sessionStorage while the chair looks at a client's file. */
export interface MeetingModeContext {
  /** The agenda as it stood when the meeting started. */
  items: MeetingModeItem[];
  budgetMs: number;
  alreadyHeld: boolean;
  /** Index into items of the client being discussed. */
  current: number;
  /** Time spent per item, in agenda order. */
  itemElapsedMs: number[];
  /** Time since the start, without pauses (items and the closing round). */
  totalElapsedMs: number;
  /** When time was last added; null while the stopwatch stands still. */
  lastTickAt: number | null;
  tickMs: number;
  /** Why holding the meeting failed (Dutch, from the API). */
  holdError: string | null;
}

export type MeetingModeEvent =
  | { type: 'START'; items: MeetingModeItem[]; index?: number }
  | { type: 'TICK' }
  | { type: 'NEXT_ITEM' }
  | { type: 'PREV_ITEM' }
  | { type: 'GOTO_ITEM'; index: number }
  | { type: 'PAUSE' }
  | { type: 'RESUME' }
  | { type: 'FINISH' }
  | { type: 'BACK_TO_ITEMS' }
  | { type: 'HOLD'; attendeeIds: string[] };

/** Sends TICK at a fixed interval while it runs (only in the states that invoke it). */
const ticker = fromCallback<{ type: 'TICK' }, { tickMs: number }>(({ sendBack, input }) => {
  const id = setInterval(() => sendBack({ type: 'TICK' }), input.tickMs);
  return () => clearInterval(id);
});

/** Placeholder: the page provides the real call (POST /api/meetings/:id/hold) with machine.provide(). */
const holdMeeting = fromPromise<unknown, { attendeeIds: string[] }>(async () => {
  throw new Error('holdMeeting is provided by the meeting page');
});

const validIndex = (items: readonly unknown[], index: number) =>
  Number.isInteger(index) && index >= 0 && index < items.length;

/** The statechart; `now` (ms since the epoch) is injectable so the stopwatch can be tested without waiting. */
export function createMeetingModeMachine(now: () => number = () => Date.now()) {
  const since = (context: MeetingModeContext): number =>
    context.lastTickAt === null ? 0 : Math.max(0, now() - context.lastTickAt);

  return setup({
    types: {
      context: {} as MeetingModeContext,
      events: {} as MeetingModeEvent,
      input: {} as MeetingModeInput,
    },
    actors: { ticker, holdMeeting },
    guards: {
      alreadyHeld: ({ context }) => context.alreadyHeld,
      agendaHasItems: ({ event }) => {
        assertEvent(event, 'START');
        return event.items.length > 0;
      },
      hasNext: ({ context }) => context.current < context.items.length - 1,
      hasPrevious: ({ context }) => context.current > 0,
      validTarget: ({ context, event }) => {
        assertEvent(event, 'GOTO_ITEM');
        return validIndex(context.items, event.index);
      },
    },
    actions: {
      startClock: assign({ lastTickAt: () => now() }),
      stopClock: assign({ lastTickAt: null }),
      /** Adds the time since the last tick to the current item and the total. */
      accrueItem: assign(({ context }) => {
        const delta = since(context);
        const itemElapsedMs = [...context.itemElapsedMs];
        itemElapsedMs[context.current] += delta;
        return {
          itemElapsedMs,
          totalElapsedMs: context.totalElapsedMs + delta,
          lastTickAt: context.lastTickAt === null ? null : now(),
        };
      }),
      /** The closing round: time counts for the meeting, not for an item. */
      accrueTotal: assign(({ context }) => ({
        totalElapsedMs: context.totalElapsedMs + since(context),
        lastTickAt: context.lastTickAt === null ? null : now(),
      })),
      begin: assign(({ event }) => {
        assertEvent(event, 'START');
        const items = event.items.map((item) => ({
          clientId: item.clientId,
          estimateMinutes: item.estimateMinutes,
        }));
        return {
          items,
          itemElapsedMs: items.map(() => 0),
          totalElapsedMs: 0,
          current: event.index !== undefined && validIndex(items, event.index) ? event.index : 0,
        };
      }),
      next: assign({ current: ({ context }) => context.current + 1 }),
      previous: assign({ current: ({ context }) => context.current - 1 }),
      goTo: assign({
        current: ({ event }) => {
          assertEvent(event, 'GOTO_ITEM');
          return event.index;
        },
      }),
      /** Also after a pause: the closing round is part of the meeting's time. */
      keepClockRunning: assign({ lastTickAt: ({ context }) => context.lastTickAt ?? now() }),
      clearHoldError: assign({ holdError: null }),
      rememberHoldError: assign({
        holdError: ({ event }) => {
          const error = (event as { error?: unknown }).error;
          return error instanceof Error && error.message
            ? error.message
            : 'De vergadering kon niet worden vastgelegd.';
        },
      }),
    },
  }).createMachine({
    id: 'meetingMode',
    context: ({ input }) => ({
      items: [],
      budgetMs: input.budgetMinutes * 60_000,
      alreadyHeld: input.alreadyHeld ?? false,
      current: 0,
      itemElapsedMs: [],
      totalElapsedMs: 0,
      lastTickAt: null,
      tickMs: input.tickMs ?? 1000,
      holdError: null,
    }),
    initial: 'notStarted',
    states: {
      notStarted: {
        always: { guard: 'alreadyHeld', target: 'held' },
        on: {
          START: { guard: 'agendaHasItems', target: 'inProgress', actions: ['begin', 'startClock'] },
        },
      },
      inProgress: {
        initial: 'running',
        states: {
          running: {
            invoke: { src: 'ticker', input: ({ context }) => ({ tickMs: context.tickMs }) },
            on: {
              TICK: { actions: 'accrueItem' },
              PAUSE: { target: 'paused', actions: ['accrueItem', 'stopClock'] },
            },
          },
          paused: {
            on: { RESUME: { target: 'running', actions: 'startClock' } },
          },
        },
        on: {
          NEXT_ITEM: [
            { guard: 'hasNext', actions: ['accrueItem', 'next'] },
            { target: 'wrapUp', actions: 'accrueItem' },
          ],
          PREV_ITEM: { guard: 'hasPrevious', actions: ['accrueItem', 'previous'] },
          GOTO_ITEM: { guard: 'validTarget', actions: ['accrueItem', 'goTo'] },
          FINISH: { target: 'wrapUp', actions: 'accrueItem' },
        },
      },
      wrapUp: {
        entry: 'keepClockRunning',
        invoke: { src: 'ticker', input: ({ context }) => ({ tickMs: context.tickMs }) },
        on: {
          TICK: { actions: 'accrueTotal' },
          BACK_TO_ITEMS: { target: 'inProgress', actions: 'accrueTotal' },
          HOLD: { target: 'holding', actions: ['accrueTotal', 'stopClock', 'clearHoldError'] },
        },
      },
      holding: {
        invoke: {
          src: 'holdMeeting',
          input: ({ event }) => {
            assertEvent(event, 'HOLD');
            return { attendeeIds: event.attendeeIds };
          },
          onDone: { target: 'held' },
          onError: { target: 'wrapUp', actions: 'rememberHoldError' },
        },
      },
      held: { type: 'final', entry: 'stopClock' },
    },
  });
}

export const meetingModeMachine = createMeetingModeMachine();
export type MeetingModeMachine = ReturnType<typeof createMeetingModeMachine>;

/** The current item ran longer than its estimate. */
export function itemOverEstimate(context: MeetingModeContext): boolean {
  const item = context.items[context.current];
  return item !== undefined && context.itemElapsedMs[context.current] > item.estimateMinutes * 60_000;
}

/** The meeting ran longer than its budget (two hours). */
export function overBudget(context: MeetingModeContext): boolean {
  return context.totalElapsedMs > context.budgetMs;
}

/** 65_000 → "1:05"; 3_725_000 → "1:02:05". */
export function formatStopwatch(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`;
}

/** For screen readers and the minutes: "1 uur en 5 minuten", "12 minuten". */
export function spokenMinutes(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  const min = `${m} ${m === 1 ? 'minuut' : 'minuten'}`;
  if (h === 0) return min;
  const hours = `${h} uur`;
  return m === 0 ? hours : `${hours} en ${min}`;
}
