import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { Client } from 'pg';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import request from 'supertest';
import { runMigrations } from '@koers/persistence';
import { DEMO_PASSWORD, DEMO_TEAM, seedDemoIfEmpty } from '@koers/seed';
import { parseEuros } from '../apps/web/src/budget/budget-rules';
import { ApiHarness, startApi } from './support/api-harness';
import {
  buildWebApp,
  launchBrowser,
  removeWebBuild,
  screenshot,
  seriousAxeViolations,
} from './support/browser';
import { testDatabaseUrl } from './support/test-database';

type Auth = { Authorization: string };

/** Dutch money as the page shows it ("€ 12.345,67", "-€ 5,00") back to cents. */
function cents(text: string): number {
  const clean = text.replace(/[\s\u00a0€]/g, '');
  const negative = /^[-−]/.test(clean);
  const [whole, fraction = '00'] = clean.replace(/^[-−]/, '').split(',');
  const value = Number(whole.replace(/\./g, '')) * 100 + Number(fraction.padEnd(2, '0'));
  return negative ? -value : value;
}

const amsterdamToday = () =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(new Date());
const plusDays = (iso: string, days: number) =>
  new Date(Date.parse(`${iso}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/**
 * Issue 7 items 3 and 4 in the browser, on the demo data: demo-chair opens /budget, records an urgent clinic
 * deposit for a demo client, approves it and sees the remaining budget drop by exactly that amount (on the page
 * and in the API); rejects another request with a reason; a stale decision gets the Dutch conflict message; an
 * approval beyond the budget asks for a reason. demo-police gets no Budget menu item and no budget data.
 * Every page is scanned with axe-core.
 */
describe('web app: the casusoverleg budget (browser, demo data)', () => {
  const name = `koers_webbudget_${randomUUID().slice(0, 8)}`;
  const admin = testDatabaseUrl();
  const url = Object.assign(new URL(admin), { pathname: `/${name}` }).toString();
  let api: ApiHarness;
  let webDir: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let base: string;
  let chair: Auth;
  let care: Auth;
  let teamId: string;
  let year: number;
  let clients: { id: string; name: string }[];

  const adminQuery = async (sql: string) => {
    const client = new Client({ connectionString: admin });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  const overview = async () => {
    const response = await request(api.http).get(`/api/teams/${teamId}/budget/${year}`).set(chair);
    expect(response.status).toBe(200);
    return response.body as { remainingCents: number; pendingCents: number; budgetCents: number | null };
  };
  const requestSpend = async (clientId: string, body: Record<string, unknown>) => {
    const response = await request(api.http).post(`/api/clients/${clientId}/spends`).set(care).send(body);
    expect(response.status).toBe(201);
    return response.body as { id: string; version: number };
  };
  const login = async (target: Page, username: string) => {
    await target.goto(`${base}/`);
    await target.getByLabel('Gebruikersnaam').fill(username);
    await target.getByLabel('Wachtwoord').fill(DEMO_PASSWORD);
    await target.getByRole('button', { name: 'Inloggen' }).click();
    await target.getByRole('navigation', { name: 'Hoofdmenu' }).waitFor();
  };
  const remainingOnPage = async () =>
    cents(await page.locator('[data-figure="remaining"] .koers-budget-figure__value').innerText());
  /** Waits until the page shows `expected` as what remains (it reloads after a decision). */
  const waitForRemaining = async (expected: number) => {
    const until = Date.now() + 10_000;
    for (;;) {
      const shown = await remainingOnPage().catch(() => Number.NaN);
      if (shown === expected) return;
      if (Date.now() > until)
        throw new Error(`the page shows ${shown} cents remaining, expected ${expected}`);
      await page.waitForTimeout(100);
    }
  };
  const card = (spendId: string): Locator => page.locator(`[data-spend-id="${spendId}"]`);
  const expectNoAxeViolations = async () => expect(await seriousAxeViolations(page)).toEqual([]);

  beforeAll(async () => {
    await adminQuery(`CREATE DATABASE ${name}`);
    await runMigrations(url);
    expect(await seedDemoIfEmpty(url, { nodeEnv: 'development' })).toBe('seeded');
    webDir = buildWebApp();
    api = await startApi({ DATABASE_URL: url, WEB_DIST_DIR: webDir });
    await api.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(api.http.address() as AddressInfo).port}`;
    chair = await api.login('demo-chair', DEMO_PASSWORD);
    care = await api.login('demo-care', DEMO_PASSWORD);
    const [team] = await api.dataSource.query(`SELECT id FROM team WHERE name = $1`, [DEMO_TEAM]);
    teamId = team.id;
    year = Number(amsterdamToday().slice(0, 4));
    // Open trajectories of the demo casusoverleg: spends can be requested for them.
    clients = await api.dataSource.query(
      `SELECT c.id, c.display_name AS name FROM client c JOIN trajectory t ON t.client_id = c.id
        WHERE c.team_id = $1 AND t.closed_at IS NULL AND c.anonymised_at IS NULL ORDER BY c.display_name`,
      [teamId],
    );
    expect(clients.length).toBeGreaterThanOrEqual(3);
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1280, height: 720 }, locale: 'nl-NL' });
    page = await context.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await api?.close();
    removeWebBuild(webDir);
    await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  });

  it('reads amounts as people type them in the Netherlands', () => {
    const ok = (input: string) => {
      const parsed = parseEuros(input);
      return parsed.ok ? parsed.cents : parsed.error;
    };
    expect(ok('450')).toBe(45_000);
    expect(ok('450,00')).toBe(45_000);
    expect(ok('450,5')).toBe(45_050);
    expect(ok('1.250,50')).toBe(125_050);
    expect(ok('1.250')).toBe(125_000);
    expect(ok('€ 12.50')).toBe(1_250);
    expect(ok('0,99')).toBe(99);
    for (const wrong of ['', 'abc', '-5', '0', '1,2,3', '12,345', '1.25.0', '1.2345,00'])
      expect(typeof ok(wrong)).toBe('string');
    expect(ok('100.000,01')).toBe(10_000_001);
    expect(parseEuros('100.000,01', { maxCents: 10_000_000 })).toEqual({
      ok: false,
      error: expect.stringMatching(/^Het bedrag is te hoog: hoogstens €\s100\.000,00\.$/),
    });
    expect(parseEuros('0', { allowZero: true })).toEqual({ ok: true, cents: 0 });
  });

  it('demo-chair records an urgent clinic deposit, approves it and sees the budget drop by exactly that amount', async () => {
    await login(page, 'demo-chair');
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Budget' }).click();
    await page.getByRole('heading', { level: 1, name: 'Budget' }).waitFor();
    await page.locator('[data-figure="remaining"]').waitFor();
    await page.getByRole('heading', { level: 2, name: /Aanvragen die wachten op goedkeuring/ }).waitFor();
    await page.locator('.koers-budget-card').first().waitFor();
    const before = await overview();
    expect(await remainingOnPage()).toBe(before.remainingCents);
    expect(before.budgetCents).toBeGreaterThan(0);
    await expectNoAxeViolations();

    // The request, with the form's own checks first: nothing is sent while a field is wrong.
    const client = clients[0];
    const form = page
      .locator('form')
      .filter({ has: page.getByRole('button', { name: 'Uitgave aanvragen' }) });
    await form.getByRole('button', { name: 'Uitgave aanvragen' }).click();
    await form.getByText('Kies de cliënt voor wie de uitgave is.').waitFor();
    await form.getByText('Vul een bedrag in.').waitFor();
    await form.getByLabel('Cliënt').selectOption(client.id);
    await form.getByLabel('Categorie').selectOption({ label: 'Borg privékliniek' });
    await form.getByLabel('Bedrag in euro’s').fill('1.250,5');
    await form.getByLabel('Gift', { exact: true }).check();
    await form.getByLabel(/Spoed/).check();
    const neededBy = plusDays(amsterdamToday(), 2);
    await form.getByLabel('Nodig op').fill(neededBy);
    const description = `Borg voor de opname in de privékliniek ${randomUUID().slice(0, 6)}; de intake is overmorgen.`;
    await form.getByLabel('Omschrijving').fill(description);
    await form.getByRole('button', { name: 'Uitgave aanvragen' }).click();
    await form
      .getByRole('status')
      .getByText(/Aanvraag vastgelegd: Borg privékliniek, €\s1\.250,50 voor/)
      .waitFor();

    const listed = await request(api.http)
      .get(`/api/teams/${teamId}/spends`)
      .query({ year, status: 'requested' })
      .set(chair);
    const spend = listed.body.find((s: { description: string }) => s.description === description);
    expect(spend).toMatchObject({
      clientId: client.id,
      category: 'clinic_deposit',
      amountCents: 125_050,
      kind: 'gift',
      urgent: true,
      neededBy,
      status: 'requested',
    });
    // Urgent requests come first, each with its badge and needed-by date.
    await card(spend.id).getByText('Spoed', { exact: true }).waitFor();
    const urgentFlags = await Promise.all(
      (await page.locator('.koers-budget-pending > li').all()).map(async (item) =>
        ((await item.getAttribute('class')) ?? '').includes('koers-budget-card--urgent'),
      ),
    );
    expect(urgentFlags).toEqual([...urgentFlags].sort((a, b) => Number(b) - Number(a)));
    expect((await overview()).remainingCents).toBe(before.remainingCents);

    // Approve, after confirming.
    await card(spend.id).getByRole('button', { name: 'Goedkeuren' }).click();
    await card(spend.id)
      .getByText(/Het resterende budget daalt met €\s1\.250,50/)
      .waitFor();
    await card(spend.id).getByRole('button', { name: 'Bevestig goedkeuring' }).click();
    await page
      .getByRole('status')
      .getByText(/Goedgekeurd: Borg privékliniek van €\s1\.250,50 voor/)
      .waitFor();
    await waitForRemaining(before.remainingCents - 125_050);
    const after = await overview();
    expect(after.remainingCents).toBe(before.remainingCents - 125_050);
    const approved = await request(api.http).get(`/api/spends/${spend.id}`).set(chair);
    expect(approved.body).toMatchObject({
      status: 'approved',
      approvedBy: { displayName: 'Procesregisseur (demo)' },
    });
    expect(Date.now() - Date.parse(approved.body.approvedAt)).toBeLessThan(60_000);
    expect(await card(spend.id).count()).toBe(0);
    await expectNoAxeViolations();
    await screenshot(page, 'budget');
  });

  it('rejects a request with a reason, and a stale decision gets the Dutch conflict message', async () => {
    const toReject = await requestSpend(clients[1].id, {
      category: 'travel',
      amountCents: 2_500,
      kind: 'gift',
      description: 'Treinkaartjes naar de intake bij de kliniek in een andere stad.',
    });
    const stale = await requestSpend(clients[2].id, {
      category: 'bills',
      amountCents: 9_900,
      kind: 'loan',
      description: 'Voorschot op de energierekening, terug te betalen in drie maanden.',
    });
    await page.reload();
    await card(toReject.id).waitFor();
    const remaining = await remainingOnPage();

    await card(toReject.id).getByRole('button', { name: 'Afwijzen' }).click();
    await card(toReject.id).getByRole('button', { name: 'Bevestig afwijzing' }).click();
    await card(toReject.id).getByText('Vul de reden in.').waitFor();
    const reason = 'Valt onder de bijzondere bijstand; eerst daar aanvragen.';
    await card(toReject.id).getByLabel('Reden').fill(reason);
    await expectNoAxeViolations();
    await card(toReject.id).getByRole('button', { name: 'Bevestig afwijzing' }).click();
    await page
      .getByRole('status')
      .getByText(/Afgewezen: Reiskosten van €\s25,00 voor/)
      .waitFor();
    await card(toReject.id).waitFor({ state: 'detached' });
    const rejected = await request(api.http).get(`/api/spends/${toReject.id}`).set(chair);
    expect(rejected.body).toMatchObject({ status: 'rejected', decisionReason: reason });
    expect((await overview()).remainingCents).toBe(remaining);

    // Someone withdraws it while the chair looks at it: the approval is refused (409) and the list reloads.
    await card(stale.id).getByRole('button', { name: 'Goedkeuren' }).click();
    const withdrawn = await request(api.http)
      .post(`/api/spends/${stale.id}/cancel`)
      .set(care)
      .send({ expectedVersion: stale.version, reason: 'Toch niet nodig: de rekening is al betaald.' });
    expect(withdrawn.status).toBe(200);
    await card(stale.id).getByRole('button', { name: 'Bevestig goedkeuring' }).click();
    await page.getByText(/Iemand anders heeft deze gegevens net gewijzigd/).waitFor();
    await card(stale.id).waitFor({ state: 'detached' });
    expect((await request(api.http).get(`/api/spends/${stale.id}`).set(chair)).body.status).toBe('cancelled');
    expect((await overview()).remainingCents).toBe(remaining);
  });

  it('the chair sets the yearly budget; an approval beyond it asks for a reason', async () => {
    const spent = await overview();
    const low = spent.budgetCents! - spent.remainingCents + 1_000; // EUR 10 left
    const big = await requestSpend(clients[0].id, {
      category: 'skip_container',
      amountCents: 30_000,
      kind: 'gift',
      description: 'Container om de vervuilde woning leeg te halen voor de woningschouw.',
    });
    await page.reload();
    await card(big.id).waitFor();
    const budgetField = page.getByLabel(`Jaarbudget ${year} in euro’s`);
    await budgetField.fill('veel');
    await page.getByRole('button', { name: 'Jaarbudget opslaan' }).click();
    await page.getByText('Vul een bedrag in euro’s in, bijvoorbeeld 450 of 1.250,50.').waitFor();
    await budgetField.fill(String(low / 100).replace('.', ','));
    await page.getByRole('button', { name: 'Jaarbudget opslaan' }).click();
    await page
      .getByRole('status')
      .getByText(/Het jaarbudget \d{4} is vastgesteld op/)
      .waitFor();
    expect((await overview()).budgetCents).toBe(low);
    await waitForRemaining(1_000);

    await card(big.id).getByRole('button', { name: 'Goedkeuren' }).click();
    await card(big.id).getByRole('button', { name: 'Bevestig goedkeuring' }).click();
    await card(big.id)
      .getByText(/is meer dan er over is van het budget/)
      .waitFor();
    await expect(
      card(big.id)
        .getByText(/overBudgetReason/)
        .count(),
    ).resolves.toBe(0);
    await card(big.id).getByRole('button', { name: 'Goedkeuren boven budget' }).click();
    await card(big.id).getByText('Vul de reden in.').waitFor();
    const why = 'Woningschouw is volgende week; het tekort wordt gedekt uit de reserve.';
    await card(big.id).getByLabel('Reden om boven het budget goed te keuren').fill(why);
    await card(big.id).getByRole('button', { name: 'Goedkeuren boven budget' }).click();
    await page
      .getByRole('status')
      .getByText(/Goedgekeurd boven het budget, met reden/)
      .waitFor();
    const decided = await request(api.http).get(`/api/spends/${big.id}`).set(chair);
    expect(decided.body).toMatchObject({ status: 'approved', overBudgetReason: why });
    const now = await overview();
    expect(now.remainingCents).toBe(1_000 - 30_000);
    await page.locator('[data-figure="remaining"]').getByText('Budget overschreden').waitFor();
    await waitForRemaining(-29_000);
    await expectNoAxeViolations();
  });

  it('works on a tablet (768 wide) without the page scrolling sideways', async () => {
    await page.setViewportSize({ width: 768, height: 1024 });
    await page.reload();
    await page.locator('[data-figure="remaining"]').waitFor();
    // A string, not a function: this file is compiled without the DOM's types.
    const overflow = await page.evaluate<number>(
      'document.documentElement.scrollWidth - document.documentElement.clientWidth',
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await expectNoAxeViolations();
    await page.setViewportSize({ width: 1280, height: 720 });
  });

  it('demo-police has no Budget menu item, and /budget shows a refusal in Dutch and no budget data', async () => {
    const police = await browser.newContext({ viewport: { width: 1280, height: 720 }, locale: 'nl-NL' });
    const policePage = await police.newPage();
    const budgetRequests: string[] = [];
    policePage.on('request', (r) => {
      if (
        /\/api\/(teams\/[^/]+\/(budget|spends|conditional-arrangements)|clients\/[^/]+\/spends)/.test(r.url())
      )
        budgetRequests.push(r.url());
    });
    try {
      await login(policePage, 'demo-police');
      const nav = policePage.getByRole('navigation', { name: 'Hoofdmenu' });
      await nav.getByRole('link').first().waitFor();
      expect(await nav.getByRole('link', { name: 'Budget' }).count()).toBe(0);
      await policePage.goto(`${base}/budget`);
      await policePage.getByRole('heading', { level: 1, name: 'Budget' }).waitFor();
      await policePage
        .getByRole('status')
        .getByText('U heeft geen toegang tot het budget.', { exact: false })
        .waitFor();
      expect(await policePage.locator('[data-figure], .koers-budget-card, table').count()).toBe(0);
      expect(await policePage.getByText('€').count()).toBe(0);
      expect(budgetRequests).toEqual([]);
      expect(await seriousAxeViolations(policePage)).toEqual([]);
      const policeAuth = await api.login('demo-police', DEMO_PASSWORD);
      const refused = await request(api.http).get(`/api/teams/${teamId}/budget/${year}`).set(policeAuth);
      expect(refused.status).toBe(403);
    } finally {
      await police.close();
    }
  });
});
