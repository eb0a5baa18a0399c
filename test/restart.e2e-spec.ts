import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { ApiHarness, startApi } from './support/api-harness';
import { createTeam, TeamFixture } from './support/fixtures';

/**
 * After a restart every trajectory is exactly where it was, and a snapshot stored by a released
 * machine version (a committed fixture row) restores and keeps working (architecture invariant 6).
 */
describe('persistence across restarts (e2e)', () => {
  let team: TeamFixture;

  it('restores every trajectory exactly after the API restarts', async () => {
    let api: ApiHarness = await startApi();
    team = await createTeam(api.dataSource);
    let auth = await api.login(team.users.addiction_care);
    const created = await request(api.http)
      .post('/api/clients')
      .set(auth)
      .send({
        displayName: 'Demo R. Herstart',
        signal: { source: 'self', description: 'Vraagt zelf om hulp bij stoppen.' },
      });
    const id = created.body.client.id;
    const events = [
      {
        type: 'INCLUSION_DECIDED',
        included: true,
        criteria: ['serious_substance_use_disorder', 'resident', 'problems_other_life_domains'],
        reasons: 'Voldoet aan alle criteria.',
      },
      { type: 'CONSENT_GIVEN', scope: 'Delen binnen de casusoverleg' },
      { type: 'TREATMENT_AGREED', treatment: 'clinical' },
      {
        type: 'ADMITTED',
        facility: 'Kliniek Spoed',
        urgentOverride: { reason: 'Acuut levensgevaar door GHB-onttrekking.' },
      },
      { type: 'LEAVE_STARTED', until: '2026-12-20T18:00:00+01:00' },
    ];
    for (const event of events) {
      const response = await request(api.http).post(`/api/clients/${id}/events`).set(auth).send(event);
      expect(response.status).toBe(200);
    }
    const before = (await request(api.http).get(`/api/clients/${id}`).set(auth)).body;
    await api.close();

    api = await startApi();
    try {
      auth = await api.login(team.users.addiction_care);
      const after = (await request(api.http).get(`/api/clients/${id}`).set(auth)).body;
      // Everything but daysInStage, which the wall clock moves if the restart crosses midnight.
      const stable = (body: { trajectory: object }) => ({
        ...body,
        trajectory: { ...body.trajectory, daysInStage: 0 },
      });
      expect(stable(after)).toEqual(stable(before));
      expect(after.trajectory.state).toEqual({ admission: 'on_leave' });
      const next = await request(api.http).post(`/api/clients/${id}/events`).set(auth).send({
        type: 'LEAVE_ENDED',
        note: 'Terug van verlof, ging goed.',
        expectedVersion: before.trajectory.version,
      });
      expect(next.status).toBe(200);
      expect(next.body.state).toEqual({ admission: 'in_treatment' });
    } finally {
      await api.close();
    }
  });

  it('restores a snapshot stored by machine version 1 and continues from it', async () => {
    // The machine's own version-1 fixture (mid-aftercare), stored the way the database stores it.
    const fixture = JSON.parse(
      readFileSync(
        join(__dirname, '..', 'machines', 'trajectory', 'fixtures', 'trajectory-v1.snapshot.json'),
        'utf8',
      ),
    );
    const stage = Object.keys(fixture.snapshot.value)[0];
    const api = await startApi();
    try {
      team ??= await createTeam(api.dataSource);
      const [{ id: userId }] = await api.dataSource.query(`SELECT id FROM app_user WHERE username = $1`, [
        team.users.addiction_care,
      ]);
      const [{ id: clientId }] = await api.dataSource.query(
        `INSERT INTO client (team_id, display_name, created_by) VALUES ($1, 'Demo F. Fixture', $2) RETURNING id`,
        [team.teamId, userId],
      );
      const [{ id: trajectoryId }] = await api.dataSource.query(
        `INSERT INTO trajectory (client_id, team_id, machine_id, machine_version, xstate_version, snapshot, version, stage,
                                 stage_entered_at, opened_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, 1, $7, now(), now(), now()) RETURNING id`,
        [
          clientId,
          team.teamId,
          fixture.machineId,
          fixture.machineVersion,
          fixture.xstateVersion,
          JSON.stringify(fixture.snapshot),
          stage,
        ],
      );
      await api.dataSource.query(
        `INSERT INTO trajectory_event (trajectory_id, seq, type, payload, to_stage, occurred_at) VALUES ($1, 1, 'SIGNAL_REGISTERED', '{}', $2, now())`,
        [trajectoryId, stage],
      );
      const auth = await api.login(team.users.addiction_care);
      const restored = (await request(api.http).get(`/api/clients/${clientId}`).set(auth)).body;
      expect(restored.trajectory.state).toEqual(fixture.snapshot.value);
      expect(restored.trajectory.machine).toEqual({
        id: 'trajectory',
        version: 1,
        xstateVersion: fixture.xstateVersion,
      });
      const next = await request(api.http)
        .post(`/api/clients/${clientId}/events`)
        .set(auth)
        .send({ type: 'DAYTIME_ARRANGED', kind: 'sport', expectedVersion: 1 });
      expect(next.status).toBe(200);
      expect(next.body.state.aftercare.daytime_activity).toBe('arranged');
    } finally {
      await api.close();
    }
  });
});
