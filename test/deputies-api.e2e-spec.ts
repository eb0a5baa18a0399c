import request from 'supertest';
import { ApiHarness, startApi } from './support/api-harness';
import { createTeam, TeamFixture } from './support/fixtures';

/** Naming deputies: yourself, or anyone as chair; only people of your own casusoverleg. */
describe('deputies API (e2e)', () => {
  let api: ApiHarness;
  let team: TeamFixture;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    api = await startApi();
    team = await createTeam(api.dataSource);
    for (const [kind, username] of Object.entries(team.users)) {
      const [row] = await api.dataSource.query(`SELECT id FROM app_user WHERE username = $1`, [username]);
      ids[kind] = row.id;
    }
  });
  afterAll(() => api.close());

  it('lets a participant name their own deputy, and the chair name one for others', async () => {
    const care = await api.login(team.users.addiction_care);
    const own = await request(api.http)
      .post('/api/deputies')
      .set(care)
      .send({ deputyUserId: ids.police, startsAt: '2026-12-21', endsAt: '2027-01-04' });
    expect(own.status).toBe(201);
    expect(own.body).toMatchObject({
      userId: ids.addiction_care,
      deputyUserId: ids.police,
      startsAt: '2026-12-20T23:00:00.000Z', // 00:00 Amsterdam time
      endsAt: '2027-01-03T23:00:00.000Z',
    });

    const forOther = await request(api.http).post('/api/deputies').set(care).send({
      userId: ids.police,
      deputyUserId: ids.municipality,
      startsAt: '2026-12-21',
      endsAt: '2027-01-04',
    });
    expect(forOther.status).toBe(403);

    const chair = await api.login(team.users.municipality);
    const byChair = await request(api.http).post('/api/deputies').set(chair).send({
      userId: ids.housing_corporation,
      deputyUserId: ids.addiction_care,
      startsAt: '2026-12-01T08:00:00+01:00',
      endsAt: '2026-12-05',
    });
    expect(byChair.status).toBe(201);

    const list = await request(api.http).get('/api/deputies').set(care);
    expect(list.body.map((d: { id: string }) => d.id)).toEqual(
      expect.arrayContaining([own.body.id, byChair.body.id]),
    );

    const police = await api.login(team.users.police);
    expect((await request(api.http).delete(`/api/deputies/${own.body.id}`).set(police)).status).toBe(403);
    expect((await request(api.http).delete(`/api/deputies/${own.body.id}`).set(care)).status).toBe(204);
    expect((await request(api.http).delete(`/api/deputies/${own.body.id}`).set(care)).status).toBe(404);
  });

  it('refuses strangers, reversed periods and standing in for yourself', async () => {
    const care = await api.login(team.users.addiction_care);
    const other = await createTeam(api.dataSource, ['police']);
    const [stranger] = await api.dataSource.query(`SELECT id FROM app_user WHERE username = $1`, [
      other.users.police,
    ]);
    const send = (body: Record<string, unknown>) =>
      request(api.http).post('/api/deputies').set(care).send(body);
    expect(
      (await send({ deputyUserId: stranger.id, startsAt: '2026-12-21', endsAt: '2027-01-04' })).status,
    ).toBe(404);
    const reversed = await send({ deputyUserId: ids.police, startsAt: '2027-01-04', endsAt: '2026-12-21' });
    expect(reversed.status).toBe(400);
    expect(reversed.body.details[0].field).toBe('endsAt');
    expect(
      (await send({ deputyUserId: ids.addiction_care, startsAt: '2026-12-21', endsAt: '2027-01-04' })).status,
    ).toBe(400);
    expect(
      (await send({ deputyUserId: ids.police, startsAt: 'next monday', endsAt: '2027-01-04' })).status,
    ).toBe(400);
    const outsider = await api.login(other.users.police);
    expect((await request(api.http).get('/api/deputies').set(outsider)).body).toEqual([]);
  });
});
