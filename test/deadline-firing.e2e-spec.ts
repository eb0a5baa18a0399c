import request from 'supertest';
import { ManualClock } from '@koers/clock';
import { DeadlineFiringService } from '@koers/deadlines';
import { ApiHarness, startApi } from './support/api-harness';
import { createTeam, TeamFixture } from './support/fixtures';

const DAY = 86_400_000;

/**
 * The ladder fires from PostgreSQL: warning to the owner, overdue to owner and chair, flagged for the
 * agenda; each step once per recipient, also with two sweeps at once; deputies stand in; withdrawn
 * steps never fire.
 */
describe('deadline firing (integration)', () => {
  let api: ApiHarness;
  let team: TeamFixture;
  let clock: ManualClock;
  let firing: DeadlineFiringService;
  let care: { Authorization: string };
  let chair: { Authorization: string };

  beforeAll(async () => {
    api = await startApi();
    team = await createTeam(api.dataSource);
    care = await api.login(team.users.addiction_care);
    chair = await api.login(team.users.municipality);
    clock = new ManualClock();
    firing = new DeadlineFiringService(api.dataSource, clock);
  });
  afterAll(() => api.close());

  const newClient = async () => {
    const response = await request(api.http)
      .post('/api/clients')
      .set(care)
      .send({
        displayName: 'Demo F. Ire',
        signal: { source: 'police', description: 'Overlast en zorgen over gebruik.' },
      });
    return response.body.client.id as string;
  };
  const include = (id: string) =>
    request(api.http)
      .post(`/api/clients/${id}/events`)
      .set(care)
      .send({
        type: 'INCLUSION_DECIDED',
        included: true,
        criteria: ['serious_substance_use_disorder', 'resident', 'problems_other_life_domains'],
        reasons: 'Voldoet aan de criteria van de handreiking.',
      });
  const inbox = async (auth: { Authorization: string }, clientId: string) => {
    const response = await request(api.http).get('/api/notifications').set(auth);
    expect(response.status).toBe(200);
    return (
      response.body as {
        clientId: string;
        topic: string;
        title: string;
        id: string;
        onBehalfOf: string | null;
      }[]
    ).filter((n) => n.clientId === clientId);
  };
  const stepsOf = (clientId: string) =>
    api.dataSource.query(
      `SELECT d.kind, s.step, s.status FROM deadline_step s JOIN deadline d ON d.id = s.deadline_id
         JOIN trajectory t ON t.id = d.trajectory_id WHERE t.client_id = $1 ORDER BY d.kind, s.fire_at, s.step`,
      [clientId],
    );

  it('walks the consent ladder: warning to addiction care, then overdue to addiction care and the chair', async () => {
    const id = await newClient();
    expect((await include(id)).status).toBe(200);

    clock.set(new Date(Date.now() + 8 * DAY)); // past the warning (day 7), before due (day 14)
    await firing.fireDue();
    expect((await inbox(care, id)).map((n) => n.topic)).toEqual(['deadline.warning']);
    expect(await inbox(chair, id)).toEqual([]);

    clock.set(new Date(Date.now() + 22 * DAY)); // past consent due and the inclusion decision (day 21)
    await firing.fireDue();
    const careInbox = await inbox(care, id);
    expect(careInbox.map((n) => n.topic).sort()).toEqual(['deadline.overdue', 'deadline.warning']);
    expect(careInbox.find((n) => n.topic === 'deadline.overdue')!.title).toMatch(
      /^Toestemming: verlopen sinds \d{1,2} \p{L}+ \d{4} om \d{2}:\d{2}$/u,
    );
    expect((await inbox(chair, id)).map((n) => n.topic)).toEqual(['deadline.overdue']);
    expect(
      (await stepsOf(id))
        .filter((s: { kind: string }) => s.kind === 'consent')
        .map((s: { status: string }) => s.status),
    ).toEqual(['fired', 'fired', 'fired']);
    // The inclusion decision was taken in time: its steps were withdrawn and never fire.
    expect(
      (await stepsOf(id))
        .filter((s: { kind: string }) => s.kind === 'inclusion_decision')
        .map((s: { status: string }) => s.status),
    ).toEqual(['withdrawn', 'withdrawn']);

    // Firing again, or late duplicates, change nothing.
    await firing.fireDue();
    expect(await inbox(care, id)).toHaveLength(2);
    const mark = await request(api.http).post(`/api/notifications/${careInbox[0].id}/read`).set(care);
    expect(mark.status).toBe(204);
    expect(
      (await request(api.http).post(`/api/notifications/${careInbox[0].id}/read`).set(chair)).status,
    ).toBe(404);
    const unread = await request(api.http).get('/api/notifications?unread=true').set(care);
    expect(unread.body.map((n: { id: string }) => n.id)).not.toContain(careInbox[0].id);
  });

  it('fires each step exactly once with two sweeps running at once', async () => {
    const ids = await Promise.all(Array.from({ length: 6 }, () => newClient()));
    clock.set(new Date(Date.now() + 30 * DAY));
    const other = new DeadlineFiringService(api.dataSource, clock);
    await Promise.all([firing.fireDue(), other.fireDue(), firing.fireDue()]);
    const rows = await api.dataSource.query(
      `SELECT n.user_id, n.deadline_step_id, count(*)::int AS copies FROM notification n
        WHERE n.client_id = ANY($1::uuid[]) GROUP BY 1, 2`,
      [ids],
    );
    expect(rows.length).toBe(6); // one overdue inclusion decision per client, to the chair
    expect(rows.every((r: { copies: number }) => r.copies === 1)).toBe(true);
  });

  it('sends a step to the deputy while one stands in, and says for whom', async () => {
    const id = await newClient();
    await include(id);
    const [care1] = await api.dataSource.query(`SELECT id FROM app_user WHERE username = $1`, [
      team.users.addiction_care,
    ]);
    const [police] = await api.dataSource.query(`SELECT id FROM app_user WHERE username = $1`, [
      team.users.police,
    ]);
    const from = new Date(Date.now() + 1 * DAY);
    await api.dataSource.query(
      `INSERT INTO deputy (user_id, deputy_user_id, starts_at, ends_at, created_at) VALUES ($1, $2, $3, $4, now())`,
      [care1.id, police.id, from, new Date(from.getTime() + 10 * DAY)],
    );
    clock.set(new Date(Date.now() + 8 * DAY)); // the consent warning falls due during the deputy's period
    await firing.fireDue();
    const policeAuth = await api.login(team.users.police);
    const deputyInbox = await inbox(policeAuth, id);
    expect(deputyInbox).toEqual([
      expect.objectContaining({ topic: 'deadline.warning', onBehalfOf: care1.id }),
    ]);
    expect(await inbox(care, id)).toEqual([]);
    await api.dataSource.query(`DELETE FROM deputy WHERE user_id = $1`, [care1.id]);
  });

  it('fires a single step for a queued job only when it is still pending and due', async () => {
    const id = await newClient();
    const [step] = await api.dataSource.query(
      `SELECT s.id FROM deadline_step s JOIN deadline d ON d.id = s.deadline_id JOIN trajectory t ON t.id = d.trajectory_id
        WHERE t.client_id = $1 AND s.step = 'overdue'`,
      [id],
    );
    clock.set(new Date(Date.now() + 1 * DAY));
    expect(await firing.fireStep(step.id)).toBe(false); // not due yet
    clock.set(new Date(Date.now() + 22 * DAY));
    expect(await firing.fireStep(step.id)).toBe(true);
    expect(await firing.fireStep(step.id)).toBe(false); // already fired
  });
});
