import { createActor, fromPromise, waitFor } from 'xstate';
import { applyEvent, initialSnapshot, type TrajectoryEvent } from '@koers/machines/trajectory';
import {
  eventFormMachine,
  type FormCheck,
  type SendFailure,
} from '../apps/web/src/events/event-form.machine';
import { checkForm, formFor, visibleFields } from '../apps/web/src/events/event-forms';
import { nextSteps } from '../apps/web/src/trajectory/next-steps';

/**
 * Pure logic of the web app's event forms (issue 6), in Node: the form statechart, the forms' checks that mirror
 * the server, and "Volgende stap" asked of the shared trajectory machine. The browser story covers the pages.
 */
const ok: FormCheck = { fieldErrors: {}, formErrors: [], payload: [{ type: 'X' }] };

function formActor(send: (payload: unknown) => Promise<unknown>, confirm = false) {
  const machine = eventFormMachine.provide({
    actors: { send: fromPromise(({ input }) => send(input.payload)) },
  });
  return createActor(machine, { input: { values: { note: '' }, confirm } }).start();
}

function walk(...events: TrajectoryEvent[]) {
  let snapshot = initialSnapshot();
  for (const event of events) {
    const result = applyEvent(snapshot, event);
    if (!result.ok) throw new Error(`${event.type} refused: ${JSON.stringify(result.refusals)}`);
    snapshot = result.snapshot;
  }
  return snapshot;
}

const TO_WAITING_LIST: TrajectoryEvent[] = [
  {
    type: 'INCLUSION_DECIDED',
    included: true,
    criteria: ['serious_substance_use_disorder', 'resident', 'substance_related_offences'],
    reasons: 'Past binnen de aanpak van het casusoverleg.',
  },
  { type: 'CONSENT_GIVEN', scope: 'Gegevens delen binnen het casusoverleg' },
  { type: 'TREATMENT_AGREED', treatment: 'clinical_detox' },
];

describe('web event form statechart', () => {
  it('keeps the values and shows the problems found, sending nothing', () => {
    const send = jest.fn();
    const actor = formActor(send);
    actor.send({ type: 'CHANGE', name: 'note', value: 'kort' });
    actor.send({
      type: 'SUBMIT',
      check: {
        fieldErrors: { note: 'Schrijf een toelichting.' },
        formErrors: ['Dit kan niet.'],
        payload: null,
      },
    });
    const snapshot = actor.getSnapshot();
    expect(snapshot.value).toBe('editing');
    expect(snapshot.context.values).toEqual({ note: 'kort' });
    expect(snapshot.context.fieldErrors).toEqual({ note: 'Schrijf een toelichting.' });
    expect(snapshot.context.reasons).toEqual(['Dit kan niet.']);
    // Editing a field clears its own error.
    actor.send({ type: 'CHANGE', name: 'note', value: 'een langere notitie' });
    expect(actor.getSnapshot().context.fieldErrors).toEqual({});
    expect(send).not.toHaveBeenCalled();
  });

  it('sends a checked form and ends saved with the answer', async () => {
    const actor = formActor(async (payload) => ({ version: 2, payload }));
    actor.send({ type: 'SUBMIT', check: ok });
    expect(actor.getSnapshot().value).toBe('sending');
    const done = await waitFor(actor, (s) => s.status === 'done');
    expect(done.value).toBe('saved');
    expect(done.context.result).toEqual({ version: 2, payload: [{ type: 'X' }] });
  });

  it('asks for confirmation of an irreversible step: back returns to the form, confirm sends', async () => {
    const send = jest.fn(async () => ({}));
    const actor = formActor(send, true);
    actor.send({ type: 'SUBMIT', check: ok });
    expect(actor.getSnapshot().value).toBe('confirming');
    actor.send({ type: 'BACK' });
    expect(actor.getSnapshot().value).toBe('editing');
    expect(send).not.toHaveBeenCalled();
    actor.send({ type: 'SUBMIT', check: ok });
    actor.send({ type: 'CONFIRM' });
    expect((await waitFor(actor, (s) => s.status === 'done')).value).toBe('saved');
    expect(send).toHaveBeenCalledTimes(1);
  });

  it('ends in conflict on a stale version, and returns to the form with the reasons of a refusal or an error', async () => {
    const failing = (failure: SendFailure) => formActor(() => Promise.reject(failure));

    const conflict = failing({ kind: 'conflict', message: 'Iemand anders heeft deze cliënt net gewijzigd.' });
    conflict.send({ type: 'SUBMIT', check: ok });
    const ended = await waitFor(conflict, (s) => s.status === 'done');
    expect(ended.value).toBe('conflict');
    expect(ended.context.conflictMessage).toBe('Iemand anders heeft deze cliënt net gewijzigd.');

    const refused = failing({ kind: 'refused', reasons: ['Opname kan pas als de nazorg is voorbereid.'] });
    refused.send({ type: 'SUBMIT', check: ok });
    const back = await waitFor(refused, (s) => s.matches('editing'));
    expect(back.context.reasons).toEqual(['Opname kan pas als de nazorg is voorbereid.']);

    const failed = failing({ kind: 'failed', message: 'De server is niet bereikbaar.' });
    failed.send({ type: 'SUBMIT', check: ok });
    expect((await waitFor(failed, (s) => s.matches('editing'))).context.error).toBe(
      'De server is niet bereikbaar.',
    );
  });
});

describe('web event forms: checks as the server makes them', () => {
  it('asks for a reason to include someone who does not meet the criteria, and not otherwise', () => {
    const snapshot = initialSnapshot();
    const form = formFor('INCLUSION_DECIDED', snapshot);
    const values = {
      ...form.initial,
      included: 'yes',
      required: ['serious_substance_use_disorder'],
      reasons: 'Zorgen genoeg, zie het signaal.',
    };
    expect(visibleFields(form, values).map((f) => f.name)).toContain('override');
    expect(checkForm(form, values, snapshot).fieldErrors).toEqual({
      override: 'Vul dit veld in.',
    });
    const met = {
      ...values,
      required: ['serious_substance_use_disorder', 'resident'],
      additional: ['substance_related_offences'],
    };
    expect(checkForm(form, met, snapshot)).toEqual({
      fieldErrors: {},
      formErrors: [],
      payload: [
        {
          type: 'INCLUSION_DECIDED',
          included: true,
          criteria: ['serious_substance_use_disorder', 'resident', 'substance_related_offences'],
          reasons: 'Zorgen genoeg, zie het signaal.',
        },
      ],
    });
  });

  it("gives the machine's Dutch reason for an admission without the aftercare, and sends it with an urgent reason", () => {
    const snapshot = walk(...TO_WAITING_LIST);
    const form = formFor('ADMITTED', snapshot);
    expect(form.initial.urgent).toBe(true); // the aftercare is not ready: the form starts as an urgent admission
    const plain = checkForm(form, { ...form.initial, facility: 'Kliniek', urgent: false }, snapshot);
    expect(plain.formErrors).toEqual([expect.stringContaining('Opname kan pas als de nazorg is voorbereid')]);
    const urgent = checkForm(
      form,
      { ...form.initial, facility: 'Kliniek', urgentReason: 'Acuut gevaar, detox kan niet wachten.' },
      snapshot,
    );
    expect(urgent.formErrors).toEqual([]);
    expect(urgent.payload).toEqual([
      {
        type: 'ADMITTED',
        facility: 'Kliniek',
        urgentOverride: { reason: 'Acuut gevaar, detox kan niet wachten.' },
      },
    ]);
  });

  it('sends one event per aftercare item ticked, and needs a three-party agreement complete', () => {
    const waiting = walk(...TO_WAITING_LIST);
    const items = formFor('AFTERCARE_ITEM_PREPARED', waiting);
    expect(checkForm(items, { items: [] }, waiting).fieldErrors).toEqual({ items: expect.any(String) });
    expect(checkForm(items, { items: ['finances', 'housing'] }, waiting).payload).toEqual([
      { type: 'AFTERCARE_ITEM_PREPARED', item: 'finances' },
      { type: 'AFTERCARE_ITEM_PREPARED', item: 'housing' },
    ]);

    const aftercare = walk(
      ...TO_WAITING_LIST,
      { type: 'ADMITTED', facility: 'Kliniek', urgentOverride: { reason: 'Acuut gevaar voor de cliënt.' } },
      { type: 'DISCHARGED', completed: true },
    );
    const housed = formFor('HOUSED', aftercare);
    const values = { ...housed.initial, kind: 'social_rent', agreement: true, landlord: 'W' };
    expect(Object.keys(checkForm(housed, values, aftercare).fieldErrors).sort()).toEqual([
      'careProvider',
      'landlord',
      'startDate',
    ]);
  });
});

describe('web next steps, asked of the trajectory machine', () => {
  it('offers admission on the waiting list only as an urgent step while the aftercare is not ready', () => {
    const snapshot = walk(...TO_WAITING_LIST);
    const steps = nextSteps(snapshot, ['AFTERCARE_ITEM_PREPARED', 'ADMITTED', 'CONTACT_LOGGED', 'WITHDRAWN']);
    expect(steps.map((s) => [s.type, s.group, s.available])).toEqual([
      ['AFTERCARE_ITEM_PREPARED', 'forward', true],
      ['ADMITTED', 'forward', true],
      ['CONTACT_LOGGED', 'other', true],
      ['WITHDRAWN', 'other', true],
    ]);
    const admitted = steps.find((s) => s.type === 'ADMITTED');
    expect(admitted?.milestone).toBe(true);
    expect(admitted?.warnings).toEqual([
      expect.stringContaining('Opname kan pas als de nazorg is voorbereid'),
    ]);
  });

  it('lists discharge while on leave as not yet possible, with why, when the server explains it', () => {
    const onLeave = walk(
      ...TO_WAITING_LIST,
      { type: 'ADMITTED', facility: 'Kliniek', urgentOverride: { reason: 'Acuut gevaar voor de cliënt.' } },
      { type: 'LEAVE_STARTED', until: '2026-12-01' },
    );
    const permitted = ['LEAVE_ENDED', 'CONTACT_LOGGED', 'TREATMENT_ABORTED'];
    expect(nextSteps(onLeave, permitted).some((s) => s.type === 'DISCHARGED')).toBe(false);
    const discharge = nextSteps(onLeave, permitted, ['DISCHARGED']).find((s) => s.type === 'DISCHARGED');
    expect(discharge).toMatchObject({ available: false, milestone: true });
    expect(discharge?.reasons).toEqual([expect.stringContaining('ontslag kan pas na terugkeer')]);
  });

  it('offers nothing on a closed trajectory', () => {
    const closed = walk({
      type: 'INCLUSION_DECIDED',
      included: false,
      criteria: [],
      reasons: 'Geen verslavingsproblematiek gebleken.',
    });
    expect(nextSteps(closed, ['TRAJECTORY_CLOSED'])).toEqual([]);
  });
});
