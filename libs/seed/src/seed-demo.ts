import { Global, Logger, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { getDataSourceToken } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { type Actor, type DataCategory, actorFrom, insertInvitation } from '@koers/access';
import { PasswordHasher } from '@koers/access';
import { Clock, ManualClock } from '@koers/clock';
import { ConfigModule } from '@koers/config';
import { PersistenceModule, UserRole } from '@koers/persistence';
import { TrajectoryModule, TrajectoryService } from '@koers/trajectory';
import {
  DEMO_CLIENTS,
  DEMO_PARTIES,
  DEMO_TEAMS,
  type DemoTeamKey,
  DEMO_PASSWORD,
  DEMO_USERS,
} from './demo-data';
import { seedDemoBudget } from './demo-budget.seed';
import { seedDemoRecovery } from './demo-recovery.seed';

const DAY = 86_400_000;
const seedClock = new ManualClock();

@Global()
@Module({ providers: [{ provide: Clock, useValue: seedClock }], exports: [Clock] })
class SeedClockModule {}

export class SeedRefusedError extends Error {}

/**
 * Seeds the demo casusoverleg on an empty database. Clients walk through the same service and
 * machine as real events (backdated with a manual clock), so their histories are real histories.
 */
export async function seedDemoIfEmpty(
  databaseUrl: string,
  opts: { nodeEnv?: string } = {},
): Promise<'seeded' | 'skipped'> {
  if (opts.nodeEnv === 'production')
    throw new SeedRefusedError('Demo data is never seeded when NODE_ENV=production');
  const logger = new Logger('Seed');

  @Module({
    imports: [
      ConfigModule.forRoot({ ...process.env, DATABASE_URL: databaseUrl }),
      SeedClockModule,
      PersistenceModule,
      TrajectoryModule,
    ],
  })
  class SeedModule {}

  const app = await NestFactory.createApplicationContext(SeedModule, { logger: ['error', 'warn'] });
  try {
    const dataSource = app.get<DataSource>(getDataSourceToken());
    const [{ count }] = await dataSource.query(`SELECT count(*)::int AS count FROM app_user`);
    if (count > 0) {
      logger.log('Database already has users: demo seed skipped');
      return 'skipped';
    }
    const { actors, teams, parties } = await seedOrganisation(dataSource);
    const trajectories = app.get(TrajectoryService);
    const today = Date.now();
    for (const client of DEMO_CLIENTS) {
      seedClock.set(new Date(today - client.signal.daysAgo * DAY));
      const clientId = await trajectories.registerClient(actors[client.signal.by], {
        displayName: client.displayName,
        birthDate: client.birthDate,
        teamId: teams[client.team ?? 'a'],
        signal: { source: client.signal.source, description: client.signal.description },
      });
      for (const step of client.steps) {
        const at = new Date(today - step.daysAgo * DAY);
        seedClock.set(at);
        if ('invite' in step) {
          const scope = step.invite.scope as DataCategory[];
          await insertInvitation((sql, values) => dataSource.query(sql, values), {
            clientId,
            partyId: parties[step.invite.party],
            scope,
            startsAt: at,
            endsAt: new Date(at.getTime() + 365 * DAY),
            reason: step.invite.reason,
            invitedBy: actors[step.by].userId,
          });
          // The seed's actors stand in for sessions: the invited party's users learn it as a login would.
          for (const actor of Object.values(actors)) {
            if (actor.partyId === parties[step.invite.party]) actor.invitations.push({ clientId, scope });
          }
        } else {
          await trajectories.recordEvent(actors[step.by], clientId, step.event);
        }
      }
    }
    await seedDemoRecovery(dataSource, actors, today);
    await seedDemoBudget(dataSource, seedClock, actors, teams, today);
    logger.log(
      `Demo casusoverleg teams seeded: ${DEMO_USERS.length} users (password "${DEMO_PASSWORD}"), ${DEMO_CLIENTS.length} clients`,
    );
    return 'seeded';
  } finally {
    await app.close();
  }
}

interface DemoOrganisation {
  actors: Record<string, Actor>;
  teams: Record<DemoTeamKey, string>;
  parties: Record<string, string>;
}

async function seedOrganisation(dataSource: DataSource): Promise<DemoOrganisation> {
  const hasher = new PasswordHasher();
  const passwordHash = await hasher.hash(DEMO_PASSWORD);
  return dataSource.transaction(async (manager) => {
    const teams = {} as Record<DemoTeamKey, string>;
    for (const demoTeam of DEMO_TEAMS) {
      const [municipality] = await manager.query(
        `INSERT INTO municipality (name, code) VALUES ($1, $2) RETURNING id`,
        [demoTeam.municipality.name, demoTeam.municipality.code],
      );
      const [team] = await manager.query(
        `INSERT INTO team (municipality_id, name) VALUES ($1, $2) RETURNING id`,
        [municipality.id, demoTeam.name],
      );
      teams[demoTeam.key] = team.id;
    }
    const parties: Record<string, { id: string; kind: string }> = {};
    for (const party of DEMO_PARTIES) {
      const [row] = await manager.query(`INSERT INTO party (kind, name) VALUES ($1, $2) RETURNING id`, [
        party.kind,
        party.name,
      ]);
      parties[party.key] = { id: row.id, kind: party.kind };
    }
    const actors: Record<string, Actor> = {};
    for (const user of DEMO_USERS) {
      const party = parties[user.party];
      const [row] = await manager.query(
        `INSERT INTO app_user (username, display_name, password_hash, party_id, role, email)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
        [user.username, user.displayName, passwordHash, party.id, user.role, user.email],
      );
      const memberTeamIds = user.teams.map((key: DemoTeamKey) => teams[key]);
      for (const teamId of memberTeamIds) {
        await manager.query(`INSERT INTO team_member (team_id, user_id) VALUES ($1, $2)`, [teamId, row.id]);
      }
      actors[user.username] = actorFrom({
        userId: row.id,
        username: user.username,
        displayName: user.displayName,
        partyId: party.id,
        partyKind: party.kind,
        role: user.role as UserRole,
        memberTeamIds,
        sessionId: 'seed',
      });
    }
    return {
      actors,
      teams,
      parties: Object.fromEntries(Object.entries(parties).map(([key, p]) => [key, p.id])),
    };
  });
}
