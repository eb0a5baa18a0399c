import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { PasswordHasher } from '../../libs/access/src/password-hasher';
import { TEST_PASSWORD } from './api-harness';

let passwordHash: Promise<string> | undefined;

export interface TeamFixture {
  teamId: string;
  /** username by party kind, e.g. users.police */
  users: Record<string, string>;
}

/**
 * A fresh casusoverleg with one user per party kind (the municipality user is the chair), with
 * unique names so suites never collide on the shared test database.
 */
export async function createTeam(
  dataSource: DataSource,
  partyKinds: string[] = ['municipality', 'police', 'addiction_care', 'housing_corporation'],
): Promise<TeamFixture> {
  passwordHash ??= new PasswordHasher().hash(TEST_PASSWORD);
  const hash = await passwordHash;
  const suffix = randomUUID().slice(0, 8);
  const [municipality] = await dataSource.query(
    `INSERT INTO municipality (name, code) VALUES ($1, $2) RETURNING id`,
    [`Testgemeente ${suffix}`, `GM-${suffix}`],
  );
  const [team] = await dataSource.query(
    `INSERT INTO team (municipality_id, name) VALUES ($1, $2) RETURNING id`,
    [municipality.id, `Casusoverleg ${suffix}`],
  );
  const users: Record<string, string> = {};
  for (const kind of partyKinds) {
    const [party] = await dataSource.query(`INSERT INTO party (kind, name) VALUES ($1, $2) RETURNING id`, [
      kind,
      `${kind} ${suffix}`,
    ]);
    const username = `${kind}-${suffix}`;
    const [user] = await dataSource.query(
      `INSERT INTO app_user (username, display_name, password_hash, party_id, role) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [username, `Test ${kind}`, hash, party.id, kind === 'municipality' ? 'chair' : 'member'],
    );
    await dataSource.query(`INSERT INTO team_member (team_id, user_id) VALUES ($1, $2)`, [team.id, user.id]);
    users[kind] = username;
  }
  return { teamId: team.id, users };
}
