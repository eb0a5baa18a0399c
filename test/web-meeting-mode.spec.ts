import { createActor, fromPromise } from 'xstate';
import {
  createMeetingModeMachine,
  formatStopwatch,
  itemOverEstimate,
  meetingModeMachine,
  overBudget,
  spokenMinutes,
} from '../apps/web/src/meeting/meeting-mode.machine';

const MINUTE = 60_000;
const ITEMS = [
  { clientId: 'a', estimateMinutes: 15 },
  { clientId: 'b', estimateMinutes: 10 },
  { clientId: 'c', estimateMinutes: 20 },
];

/** The web app's meeting-mode statechart with a hand-moved clock (its ticker interval is never reached). */
function start(held: () => Promise<unknown> = async () => ({})) {
  let now = 1_000_000;
  const machine = createMeetingModeMachine(() => now).provide({
    actors: { holdMeeting: fromPromise(held) },
  });
  const actor = createActor(machine, { input: { budgetMinutes: 120, tickMs: 3_600_000 } }).start();
  return {
    actor,
    machine,
    advance(ms: number) {
      now += ms;
      actor.send({ type: 'TICK' });
    },
  };
}

describe('meeting mode statechart (web)', () => {
  it('walks the agenda in order, keeping time per item and in total', () => {
    const { actor, advance } = start();
    expect(actor.getSnapshot().value).toBe('notStarted');
    actor.send({ type: 'START', items: ITEMS });
    expect(actor.getSnapshot().value).toEqual({ inProgress: 'running' });
    advance(16 * MINUTE);
    expect(itemOverEstimate(actor.getSnapshot().context)).toBe(true);
    actor.send({ type: 'NEXT_ITEM' });
    advance(4 * MINUTE);
    const { context } = actor.getSnapshot();
    expect(context.current).toBe(1);
    expect(context.itemElapsedMs).toEqual([16 * MINUTE, 4 * MINUTE, 0]);
    expect(context.totalElapsedMs).toBe(20 * MINUTE);
    expect(itemOverEstimate(context)).toBe(false);
    actor.send({ type: 'PREV_ITEM' });
    expect(actor.getSnapshot().context.current).toBe(0);
    actor.send({ type: 'PREV_ITEM' }); // nothing before the first item
    expect(actor.getSnapshot().context.current).toBe(0);
    actor.send({ type: 'GOTO_ITEM', index: 2 });
    actor.send({ type: 'GOTO_ITEM', index: 7 }); // not on the agenda: ignored
    expect(actor.getSnapshot().context.current).toBe(2);
    actor.stop();
  });

  it('stands still while paused and warns when the meeting passes its budget', () => {
    const { actor, advance } = start();
    actor.send({ type: 'START', items: ITEMS, index: 1 });
    advance(5 * MINUTE);
    actor.send({ type: 'PAUSE' });
    expect(actor.getSnapshot().value).toEqual({ inProgress: 'paused' });
    advance(30 * MINUTE);
    expect(actor.getSnapshot().context.totalElapsedMs).toBe(5 * MINUTE);
    actor.send({ type: 'RESUME' });
    advance(116 * MINUTE);
    const { context } = actor.getSnapshot();
    expect(context.itemElapsedMs[1]).toBe(121 * MINUTE);
    expect(overBudget(context)).toBe(true);
    actor.stop();
  });

  it('closes with a round, then holds the meeting; a refusal keeps it open with the reason', async () => {
    let fail = true;
    const { actor, advance } = start(async () => {
      if (fail) throw new Error('Deze vergadering is al gehouden of geannuleerd.');
      return {};
    });
    actor.send({ type: 'START', items: ITEMS, index: 2 });
    actor.send({ type: 'NEXT_ITEM' }); // past the last item: the closing round
    expect(actor.getSnapshot().value).toBe('wrapUp');
    advance(3 * MINUTE);
    expect(actor.getSnapshot().context.totalElapsedMs).toBe(3 * MINUTE);
    actor.send({ type: 'HOLD', attendeeIds: [] });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(actor.getSnapshot().value).toBe('wrapUp');
    expect(actor.getSnapshot().context.holdError).toBe('Deze vergadering is al gehouden of geannuleerd.');
    fail = false;
    actor.send({ type: 'HOLD', attendeeIds: [] });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(actor.getSnapshot().value).toBe('held');
    expect(actor.getSnapshot().status).toBe('done');
  });

  it('opens on the result of a meeting that was held, and cannot start without items', () => {
    const held = createActor(meetingModeMachine, {
      input: { budgetMinutes: 120, alreadyHeld: true },
    }).start();
    expect(held.getSnapshot().value).toBe('held');
    const empty = createActor(meetingModeMachine, { input: { budgetMinutes: 120 } }).start();
    empty.send({ type: 'START', items: [] });
    expect(empty.getSnapshot().value).toBe('notStarted');
    empty.stop();
  });

  it('resumes from a stored snapshot (the chair looked at a file) with the time in between counted', () => {
    const { actor, machine, advance } = start();
    actor.send({ type: 'START', items: ITEMS, index: 1 });
    advance(2 * MINUTE);
    const stored = JSON.parse(JSON.stringify(actor.getPersistedSnapshot()));
    actor.stop();
    const resumed = createActor(machine, { snapshot: stored, input: { budgetMinutes: 120 } }).start();
    expect(resumed.getSnapshot().value).toEqual({ inProgress: 'running' });
    expect(resumed.getSnapshot().context.current).toBe(1);
    advance(MINUTE); // sent to the stopped actor: nothing happens there
    resumed.send({ type: 'TICK' });
    expect(resumed.getSnapshot().context.itemElapsedMs[1]).toBe(3 * MINUTE);
    resumed.send({ type: 'NEXT_ITEM' });
    expect(resumed.getSnapshot().context.current).toBe(2);
    resumed.stop();
  });

  it('formats the stopwatch and spoken durations in Dutch', () => {
    expect(formatStopwatch(65_000)).toBe('1:05');
    expect(formatStopwatch(3_725_000)).toBe('1:02:05');
    expect(spokenMinutes(MINUTE)).toBe('1 minuut');
    expect(spokenMinutes(125 * MINUTE)).toBe('2 uur en 5 minuten');
    expect(spokenMinutes(120 * MINUTE)).toBe('2 uur');
  });
});
