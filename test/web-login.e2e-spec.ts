import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import request from 'supertest';
import { ApiHarness, startApi, TEST_PASSWORD } from './support/api-harness';
import {
  buildWebApp,
  launchBrowser,
  removeWebBuild,
  screenshot,
  seriousAxeViolations,
} from './support/browser';
import { createTeam, TeamFixture } from './support/fixtures';

/**
 * The web app served by the real API in a real browser (issue 6): the login page, a refused login in Dutch, the
 * shell after login, logout. Every page visited is scanned with axe-core.
 */
describe('web app: log in and out (browser)', () => {
  let api: ApiHarness;
  let webDir: string;
  let browser: Browser;
  let page: Page;
  let base: string;
  let team: TeamFixture;

  beforeAll(async () => {
    webDir = buildWebApp();
    api = await startApi({ WEB_DIST_DIR: webDir });
    await api.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(api.http.address() as AddressInfo).port}`;
    team = await createTeam(api.dataSource);
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 720 }, locale: 'nl-NL' });
  });

  afterAll(async () => {
    await browser?.close();
    await api?.close();
    removeWebBuild(webDir);
  });

  it('serves the app at / with its strict Content-Security-Policy, and JSON 404s stay under /api', async () => {
    const root = await request(api.http).get('/');
    expect(root.status).toBe(200);
    expect(root.text).toContain('<div id="root">');
    expect(root.headers['content-security-policy']).toContain("script-src 'self'");
    const deep = await request(api.http).get('/clienten/00000000-0000-4000-8000-000000000000');
    expect(deep.status).toBe(200);
    expect(deep.text).toContain('<div id="root">');
    const missing = await request(api.http).get('/api/does-not-exist');
    expect(missing.status).toBe(404);
    expect(missing.headers['content-type']).toContain('application/json');
  });

  it('refuses a wrong password in Dutch and logs in the chair', async () => {
    await page.goto(`${base}/`);
    await page.getByRole('heading', { level: 1, name: 'Inloggen bij Koers' }).waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);

    await page.getByLabel('Gebruikersnaam').fill(team.users.municipality);
    await page.getByLabel('Wachtwoord').fill('not the password');
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.getByRole('alert').getByText('Onbekende gebruikersnaam of onjuist wachtwoord.').waitFor();

    await page.getByLabel('Wachtwoord').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).waitFor();
    expect(await page.getByText('(Voorzitter)').count()).toBe(1);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot(page, 'login-shell');
  });

  it('logs out and ends the session on the server', async () => {
    const token = await page.evaluate<string | null>("sessionStorage.getItem('koers.token')");
    expect(token).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    await page.getByRole('button', { name: 'Uitloggen' }).click();
    await page.getByText('U bent uitgelogd.').waitFor();
    const after = await request(api.http).get('/api/auth/me').set('Authorization', `Bearer ${token}`);
    expect(after.status).toBe(401);
  });
});
