import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import request from 'supertest';
import { amsterdamDate, addCalendarDays } from '@koers/clock';
import { WorkerModule } from '../apps/worker/src/worker.module';
import { ApiHarness, startApi } from './support/api-harness';
import { createTeam, TeamFixture } from './support/fixtures';
import { ReceivedMail, startSmtpCatcher } from './support/smtp-catcher';

/**
 * The postal-address story of issue 3 end to end, with TEST_CLOCK=1: the API and a real worker share
 * the test clock; a real SMTP server receives the mails. Four weeks pass; the warning reaches the outreach
 * worker, the expiry reaches the outreach worker and the chair, in the inbox and by mail, none of it twice.
 */
describe('test clock: a postal address runs out (e2e, API + worker + SMTP)', () => {
  let api: ApiHarness;
  let worker: INestApplicationContext;
  let smtp: Awaited<ReturnType<typeof startSmtpCatcher>>;
  const mails = (): ReceivedMail[] => smtp.mails;
  let team: TeamFixture;
  let chair: { Authorization: string };
  let care: { Authorization: string };

  beforeAll(async () => {
    smtp = await startSmtpCatcher();
    api = await startApi({ TEST_CLOCK: '1', SMTP_URL: smtp.url });
    worker = await NestFactory.createApplicationContext(WorkerModule.register(process.env), {
      logger: ['error'],
    });
    team = await createTeam(api.dataSource);
    for (const kind of ['municipality', 'addiction_care']) {
      await api.dataSource.query(`UPDATE app_user SET email = $2 WHERE username = $1`, [
        team.users[kind],
        `${team.users[kind]}@test.example`,
      ]);
    }
    chair = await api.login(team.users.municipality);
    care = await api.login(team.users.addiction_care);
  });
  afterAll(async () => {
    await api.dataSource.query(`DELETE FROM app_setting WHERE key = 'test_clock_offset_ms'`);
    await worker.close();
    await api.close();
    await smtp.close();
  });

  /** Moves the shared clock; sessions expire on that clock too, so everyone logs in again afterwards. */
  const advance = async (by: string, auth = chair) => {
    const response = await request(api.http).post('/api/test/clock').set(auth).send({ advanceBy: by });
    chair = await api.login(team.users.municipality);
    care = await api.login(team.users.addiction_care);
    return response;
  };
  const inbox = async (auth: { Authorization: string }, clientId: string) =>
    (
      (await request(api.http).get('/api/notifications').set(auth)).body as {
        clientId: string;
        topic: string;
        title: string;
      }[]
    )
      .filter((n) => n.clientId === clientId && n.title.startsWith('Postadres'))
      .map((n) => n.topic)
      .sort();
  const mailsTo = (username: string) =>
    mails().filter((m) => m.to.includes(`${username}@test.example`) && /Postadres/.test(m.raw));

  it('warns the outreach worker a week before, then tells the outreach worker and the chair on expiry', async () => {
    const created = await request(api.http)
      .post('/api/clients')
      .set(care)
      .send({
        displayName: 'Demo P. Ostadres',
        signal: { source: 'addiction_care', description: 'Geen vast adres, post raakt kwijt.' },
      });
    const id = created.body.client.id;
    const events = [
      {
        type: 'INCLUSION_DECIDED',
        included: true,
        criteria: ['serious_substance_use_disorder', 'resident', 'problems_other_life_domains'],
        reasons: 'Voldoet aan de criteria.',
      },
      { type: 'CONSENT_GIVEN', scope: 'Delen binnen de casusoverleg' },
      { type: 'TREATMENT_AGREED', treatment: 'clinical_detox' },
      {
        type: 'ADMITTED',
        facility: 'Kliniek Test',
        urgentOverride: { reason: 'Acute onttrekking, opname nu nodig.' },
      },
      { type: 'DISCHARGED', completed: true },
    ];
    for (const event of events)
      expect((await request(api.http).post(`/api/clients/${id}/events`).set(care).send(event)).status).toBe(
        200,
      );

    const clockNow = new Date(Date.now()); // the offset is 0 at the start of this suite
    const validUntil = addCalendarDays(amsterdamDate(clockNow), 28);
    const arranged = await request(api.http)
      .post(`/api/clients/${id}/events`)
      .set(care)
      .send({ type: 'POSTAL_ADDRESS_ARRANGED', validUntil });
    expect(arranged.status).toBe(200);

    const moved = await advance('P22D'); // the warning fell due on day 21 at 09:00
    expect(moved.status).toBe(200);
    expect(moved.body.firedSteps).toBeGreaterThanOrEqual(1);
    expect(await inbox(care, id)).toEqual(['deadline.warning']);
    expect(await inbox(chair, id)).toEqual([]);

    expect((await advance('P7D')).status).toBe(200); // past the expiry on day 28 at 09:00
    expect(await inbox(care, id)).toEqual(['deadline.overdue', 'deadline.warning']);
    expect(await inbox(chair, id)).toEqual(['deadline.overdue']);
    const deadlines = (await request(api.http).get(`/api/clients/${id}/deadlines`).set(care)).body;
    expect(deadlines.find((d: { kind: string }) => d.kind === 'postal_address_expiry').state).toBe('overdue');

    // The worker tells the trajectory after commit: the postal address shows as expired, sent by no one.
    const until = Date.now() + 15_000;
    let state: { aftercare?: { finances?: string } } = {};
    while (state.aftercare?.finances !== 'expired' && Date.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      state = (await request(api.http).get(`/api/clients/${id}`).set(care)).body.trajectory.state;
    }
    expect(state.aftercare?.finances).toBe('expired');
    const history = (await request(api.http).get(`/api/clients/${id}`).set(care)).body.trajectory.history;
    expect(history.at(-1)).toMatchObject({
      type: 'DEADLINE_REACHED',
      by: { userId: null },
      payload: { kind: 'postal_address_expiry' },
    });

    // Mails come from the worker after commit: two for the outreach worker, one for the chair.
    const deadline = Date.now() + 20_000;
    while (
      (mailsTo(team.users.addiction_care).length < 2 || mailsTo(team.users.municipality).length < 1) &&
      Date.now() < deadline
    ) {
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(mailsTo(team.users.addiction_care)).toHaveLength(2);
    expect(mailsTo(team.users.municipality)).toHaveLength(1);

    // Letting more time pass sends nothing twice.
    expect((await advance('P2D')).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 6_000)); // longer than the worker's mail interval
    expect(await inbox(care, id)).toEqual(['deadline.overdue', 'deadline.warning']);
    expect(await inbox(chair, id)).toEqual(['deadline.overdue']);
    expect(mailsTo(team.users.addiction_care)).toHaveLength(2);
    expect(mailsTo(team.users.municipality)).toHaveLength(1);
    // Extending the address brings it back to active and moves the deadline.
    const extended = await request(api.http)
      .post(`/api/clients/${id}/events`)
      .set(care)
      .send({ type: 'POSTAL_ADDRESS_EXTENDED', validUntil: addCalendarDays(validUntil, 42) });
    expect(extended.status).toBe(200);
    expect(extended.body.state.aftercare.finances).toBe('active');
  });

  it('lets only the chair move the clock, and only by a valid duration or date-time', async () => {
    const careBefore = care;
    expect((await advance('P1D', careBefore)).status).toBe(403);
    expect((await advance('one week')).status).toBe(400);
    expect((await request(api.http).post('/api/test/clock').set(chair).send({})).status).toBe(400);
    expect(
      (await request(api.http).post('/api/test/clock').set(chair).send({ setTo: 'tomorrow' })).status,
    ).toBe(400);
  });

  it('does not exist without TEST_CLOCK=1', async () => {
    const plain = await startApi();
    try {
      const auth = await plain.login(team.users.municipality);
      expect(
        (await request(plain.http).post('/api/test/clock').set(auth).send({ advanceBy: 'P1D' })).status,
      ).toBe(404);
    } finally {
      await plain.close();
    }
  });
});
