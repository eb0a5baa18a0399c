import request from 'supertest';
import { ManualClock } from '@koers/clock';
import { loadConfig } from '@koers/config';
import { DeadlineFiringService } from '@koers/deadlines';
import { NotificationMailService, SmtpMailer } from '@koers/notifications';
import { ApiHarness, startApi } from './support/api-harness';
import { createTeam } from './support/fixtures';
import { ReceivedMail, startSmtpCatcher } from './support/smtp-catcher';
import { testDatabaseUrl } from './support/test-database';

/** E-mail copies of notifications reach a real SMTP server, once per recipient, naming no client. */
describe('notification mail (integration, real SMTP server)', () => {
  let api: ApiHarness;
  let smtp: Awaited<ReturnType<typeof startSmtpCatcher>>;
  let received: ReceivedMail[];
  let mail: NotificationMailService;
  const clock = new ManualClock();

  beforeAll(async () => {
    api = await startApi();
    smtp = await startSmtpCatcher();
    received = smtp.mails;
    const config = loadConfig({
      DATABASE_URL: testDatabaseUrl(),
      SMTP_URL: smtp.url,
      MAIL_FROM: 'Koers <koers@test.example>',
    });
    mail = new NotificationMailService(api.dataSource, new SmtpMailer(config), clock);
  });
  afterAll(async () => {
    await smtp.close();
    await api.close();
  });

  it('mails the consent warning to the outreach worker once, without the client name', async () => {
    const team = await createTeam(api.dataSource);
    await api.dataSource.query(`UPDATE app_user SET email = $2 WHERE username = $1`, [
      team.users.addiction_care,
      'outreach@test.example',
    ]);
    const care = await api.login(team.users.addiction_care);
    const created = await request(api.http)
      .post('/api/clients')
      .set(care)
      .send({
        displayName: 'Demo M. Ailnaam',
        signal: { source: 'self', description: 'Meldt zich zelf voor hulp.' },
      });
    await request(api.http)
      .post(`/api/clients/${created.body.client.id}/events`)
      .set(care)
      .send({
        type: 'INCLUSION_DECIDED',
        included: true,
        criteria: ['serious_substance_use_disorder', 'resident', 'problems_other_life_domains'],
        reasons: 'Voldoet aan de criteria van de handreiking.',
      });
    clock.set(new Date(Date.now() + 8 * 86_400_000));
    await new DeadlineFiringService(api.dataSource, clock).fireDue();

    const sent = await Promise.all([mail.sendPending(), mail.sendPending()]);
    expect(sent[0] + sent[1]).toBeGreaterThanOrEqual(1);
    expect(await mail.sendPending()).toBe(0);

    const mine = received.filter((m) => m.to.includes('outreach@test.example'));
    expect(mine).toHaveLength(1);
    expect(mine[0].raw).toMatch(/^Subject: Koers: Toestemming: verloopt op/m);
    expect(mine[0].raw).toMatch(/^Message-ID: <notification-[0-9a-f-]+@koers>/im);
    expect(mine[0].raw).not.toContain('Ailnaam');
    const [row] = await api.dataSource.query(
      `SELECT n.mailed_at, n.mail_attempts FROM notification n JOIN app_user u ON u.id = n.user_id WHERE u.email = $1`,
      ['outreach@test.example'],
    );
    expect(row.mailed_at).toBeInstanceOf(Date);
    expect(row.mail_attempts).toBe(1);
  });
});
