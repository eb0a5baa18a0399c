import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { Clock } from '@koers/clock';
import { newSessionToken } from '../libs/access/src/session-token';
import { base32Decode, totpCode } from '../libs/access/src/totp';
import { ApiHarness, startApi, TEST_PASSWORD } from './support/api-harness';
import { createTeam } from './support/fixtures';
import { CookieBrowser, TestOidcProvider } from './support/oidc-provider';
import { freePort, reservePort } from './support/processes';

type Auth = { Authorization: string };
type ErrorBody = { error: string; details: { code: string; field?: string }[] };
/** The first detail of a refusal the browser received. */
const refusalOf = async (response: Response) => ((await response.json()) as ErrorBody).details[0];
const CLIENT_ID = 'koers-test';
const CLIENT_SECRET = 'a-client-secret-of-the-test-provider-0123456789';
const OIDC_ENV = ['OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET', 'OIDC_REDIRECT_URI', 'OIDC_LABEL'];

/**
 * Single sign-on with OpenID Connect (issue 5 item 6) against a real provider: the `oidc-provider` package on an
 * ephemeral port of this machine, and the real API listening on another. A cookie-keeping client plays the
 * browser through the whole flow (Koers's button, the provider's login and consent, the callback, the web app's
 * exchange of the one-time login code) and ends with a bearer token that works on GET /api/auth/me.
 */
describe('single sign-on with OIDC (e2e)', () => {
  let api: ApiHarness;
  let provider: TestOidcProvider;
  let koers: string;
  let redirectUri: string;
  /** Moves the API's clock (not the provider's, nor the ID token checks', which use the real time). */
  let clockOffsetMs = 0;
  let lastAddress = 0;
  const newAddress = () => `203.0.113.${++lastAddress}`;

  beforeAll(async () => {
    const reserved = await reservePort();
    const port = reserved.port;
    koers = `http://127.0.0.1:${port}`;
    redirectUri = `${koers}/api/auth/oidc/callback`;
    provider = await TestOidcProvider.start({
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      redirectUri,
    });
    api = await startApi({
      OIDC_ISSUER: provider.issuer,
      OIDC_CLIENT_ID: CLIENT_ID,
      OIDC_CLIENT_SECRET: CLIENT_SECRET,
      OIDC_REDIRECT_URI: redirectUri,
      OIDC_LABEL: 'Voorbeeldstad-account',
      TRUST_PROXY: 'loopback',
      LOGIN_IP_MAX_FAILURES: '4',
    });
    const clock = api.app.get(Clock);
    const realNow = clock.now.bind(clock);
    jest.spyOn(clock, 'now').mockImplementation(() => new Date(realNow().getTime() + clockOffsetMs));
    await reserved.release();
    await api.app.listen(port, '127.0.0.1');
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await api?.close();
    await provider?.close();
    for (const name of OIDC_ENV) delete process.env[name];
  });
  beforeEach(() => (clockOffsetMs = 0));

  const isCallback = (url: URL) => url.href.startsWith(redirectUri);

  /** Koers's button, then the provider's pages as a person goes through them; stops before the callback. */
  async function throughProvider(
    browser: CookieBrowser,
    sub: string,
    options: { mfa?: boolean; abort?: boolean } = {},
  ): Promise<URL> {
    const start = await browser.get(`${koers}/api/auth/oidc`);
    expect(start.status).toBe(302);
    let at = await browser.follow(start.headers.get('location')!, isCallback);
    for (let step = 0; !isCallback(at.url); step++) {
      if (step > 3) throw new Error(`stuck at the provider: ${at.url.href} (${at.response.status})`);
      expect(at.response.status).toBe(200);
      const form: Record<string, string> = options.abort
        ? { abort: '1' }
        : { login: sub, mfa: options.mfa ? '1' : '0', consent: '1' };
      const posted = await browser.postForm(at.url.href, form);
      expect(posted.status).toBe(303);
      at = await browser.follow(new URL(posted.headers.get('location')!, at.url).href, isCallback);
    }
    return at.url;
  }

  /** The whole sign-in up to the web app: the one-time login code from the callback's redirect. */
  async function signIn(sub: string, options: { mfa?: boolean } = {}): Promise<string> {
    const browser = new CookieBrowser();
    const callback = await throughProvider(browser, sub, options);
    const answer = await browser.get(callback.href);
    expect(answer.status).toBe(302);
    const location = new URL(answer.headers.get('location')!);
    expect(`${location.origin}${location.pathname}`).toBe(`${koers}/login/oidc`);
    expect(location.search).toBe('');
    const code = new URLSearchParams(location.hash.slice(1)).get('code');
    expect(code).toMatch(/^[A-Za-z0-9_-]{43}$/);
    return code!;
  }

  const exchange = (body: Record<string, unknown>, address = newAddress()) =>
    request(api.http).post('/api/auth/oidc/exchange').set('X-Forwarded-For', address).send(body);
  const me = (auth: Auth) => request(api.http).get('/api/auth/me').set(auth);
  const bearer = (token: string): Auth => ({ Authorization: `Bearer ${token}` });

  /** A Koers user (a member of a fresh team) and a provider account whose username claim names it. */
  async function newUser(options: { role?: string; claim?: (username: string) => string } = {}) {
    const username = (await createTeam(api.dataSource, ['addiction_care'])).users.addiction_care;
    const [{ id }] = await api.dataSource.query(`SELECT id FROM app_user WHERE username = $1`, [username]);
    if (options.role) {
      await api.dataSource.query(`DELETE FROM team_member WHERE user_id = $1`, [id]);
      await api.dataSource.query(`UPDATE app_user SET role = $2 WHERE id = $1`, [id, options.role]);
    }
    const sub = `sub-${randomUUID()}`;
    provider.addAccount({ sub, preferredUsername: (options.claim ?? ((u) => u))(username) });
    return { id: id as string, username, sub };
  }

  it('tells the web app that single sign-on is on, with the label for its button', async () => {
    const response = await request(api.http).get('/api/auth/options');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      password: true,
      oidc: true,
      oidcLabel: 'Voorbeeldstad-account',
      oidcStartUrl: `${koers}/api/auth/oidc`,
    });
  });

  it('sends the browser to the provider with PKCE, state and nonce, keeping the secrets server-side', async () => {
    const response = await new CookieBrowser().get(`${koers}/api/auth/oidc`);
    expect(response.status).toBe(302);
    const location = new URL(response.headers.get('location')!);
    expect(location.origin).toBe(provider.issuer);
    const params = location.searchParams;
    expect(Object.fromEntries(params)).toMatchObject({
      client_id: CLIENT_ID,
      redirect_uri: redirectUri,
      response_type: 'code',
      scope: 'openid profile',
      code_challenge_method: 'S256',
    });
    for (const name of ['state', 'nonce', 'code_challenge']) expect(params.get(name)).toMatch(/^[\w-]{43}$/);
    const cookie = response.headers.getSetCookie().find((c) => c.startsWith('koers_oidc='))!;
    expect(cookie).toMatch(
      /^koers_oidc=[\w-]{43}; Path=\/api\/auth\/oidc; Max-Age=600; HttpOnly; SameSite=Lax$/,
    );
    // Neither the verifier nor the state itself is stored where the URL could give it away.
    const [row] = await api.dataSource.query(
      `SELECT state_hash, code_verifier, nonce FROM oidc_login WHERE nonce = $1`,
      [params.get('nonce')],
    );
    expect(row.state_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(row.state_hash).not.toBe(params.get('state'));
    expect(location.href).not.toContain(row.code_verifier);
  });

  it('signs a user in at the provider and ends with a Koers session like a password login', async () => {
    // The username claim matches the Koers username ignoring case; the ID token itself does not carry it.
    const user = await newUser({ claim: (u) => u.toUpperCase() });
    const code = await signIn(user.sub);

    const answer = await exchange({ code });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      token: expect.stringMatching(/^[\w-]{43}$/),
      tokenType: 'Bearer',
      expiresAt: expect.any(String),
      idleTimeoutMinutes: 30,
    });
    const auth = bearer(answer.body.token);
    const who = await me(auth);
    expect(who.status).toBe(200);
    expect(who.body).toMatchObject({ userId: user.id, username: user.username, role: 'member' });

    // Linked at this first sign-on, in the admin log with the user as the actor.
    const [linked] = await api.dataSource.query(`SELECT oidc_subject FROM app_user WHERE id = $1`, [user.id]);
    expect(linked.oidc_subject).toBe(user.sub);
    const [logged] = await api.dataSource.query(
      `SELECT actor_user_id, action, details FROM admin_audit WHERE target_id = $1`,
      [user.id],
    );
    expect(logged).toEqual({
      actor_user_id: user.id,
      action: 'user.updated',
      details: { changes: { oidcSubject: { from: null, to: user.sub } }, via: 'oidc_first_login' },
    });

    // The code works once; logout ends the session.
    expect((await exchange({ code })).body.details[0].code).toBe('oidc_code_invalid');
    expect((await request(api.http).post('/api/auth/logout').set(auth)).status).toBe(204);
    expect((await me(auth)).status).toBe(401);

    // From now on the subject decides, whatever the username claim says.
    provider.addAccount({ sub: user.sub, preferredUsername: 'someone-else' });
    const again = await exchange({ code: await signIn(user.sub) });
    expect(again.status).toBe(200);
    expect((await me(bearer(again.body.token))).body.userId).toBe(user.id);
  });

  it('refuses a replayed callback, a made-up state and an answer in another browser (4xx, no session)', async () => {
    const user = await newUser();
    const browser = new CookieBrowser();
    const callback = await throughProvider(browser, user.sub);
    expect((await browser.get(callback.href)).status).toBe(302);

    const replayed = await browser.get(callback.href);
    expect(replayed.status).toBe(400);
    expect(await refusalOf(replayed)).toMatchObject({ code: 'oidc_state_invalid', field: 'state' });

    const madeUp = new URL(callback);
    madeUp.searchParams.set('state', 'x'.repeat(43));
    expect((await browser.get(madeUp.href)).status).toBe(400);
    madeUp.searchParams.delete('state');
    expect((await browser.get(madeUp.href)).status).toBe(400);

    // Someone else's callback URL (login CSRF): the attempt is tied to the browser that started it, and used up.
    const victim = new CookieBrowser();
    const foreign = await throughProvider(browser, user.sub);
    expect((await victim.get(foreign.href)).status).toBe(400);
    expect((await browser.get(foreign.href)).status).toBe(400);

    // An attempt older than 10 minutes.
    const late = await throughProvider(new CookieBrowser(), user.sub);
    clockOffsetMs = 11 * 60_000;
    const lateBrowser = new CookieBrowser();
    expect((await lateBrowser.get(late.href)).status).toBe(400);
  });

  it('refuses an identity without a Koers account, never making one, with a page a person can read', async () => {
    const sub = `sub-${randomUUID()}`;
    provider.addAccount({ sub, preferredUsername: `nobody-${randomUUID().slice(0, 8)}` });
    const [{ count: before }] = await api.dataSource.query(`SELECT count(*)::int AS count FROM app_user`);

    const browser = new CookieBrowser();
    const refused = await browser.get((await throughProvider(browser, sub)).href);
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({
      error: 'forbidden',
      details: [{ code: 'oidc_account_unknown' }],
    });
    expect(refused.headers.getSetCookie()).toEqual([expect.stringMatching(/^koers_oidc=; .*Max-Age=0/)]);

    const page = await browser.get((await throughProvider(browser, sub)).href, {
      accept: 'text/html,application/xhtml+xml,*/*;q=0.8',
    });
    expect(page.status).toBe(403);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await page.text();
    expect(html).toContain('Inloggen niet gelukt');
    expect(html).toContain('geen Koers-account');
    expect(html).not.toContain(sub);

    const [{ count: after }] = await api.dataSource.query(`SELECT count(*)::int AS count FROM app_user`);
    expect(after).toBe(before);
    expect(await api.dataSource.query(`SELECT 1 FROM app_user WHERE oidc_subject = $1`, [sub])).toEqual([]);
  });

  it('refuses a disabled user, linked or not, and links nobody', async () => {
    const linked = await newUser();
    expect((await exchange({ code: await signIn(linked.sub) })).status).toBe(200);
    const unlinked = await newUser();
    await api.dataSource.query(`UPDATE app_user SET disabled_at = now() WHERE id = ANY($1::uuid[])`, [
      [linked.id, unlinked.id],
    ]);
    for (const user of [linked, unlinked]) {
      const browser = new CookieBrowser();
      const refused = await browser.get((await throughProvider(browser, user.sub)).href);
      expect(refused.status).toBe(403);
      expect((await refusalOf(refused)).code).toBe('oidc_account_disabled');
    }
    const [row] = await api.dataSource.query(`SELECT oidc_subject FROM app_user WHERE id = $1`, [
      unlinked.id,
    ]);
    expect(row.oidc_subject).toBeNull();
  });

  it('refuses a login code of a user disabled after the callback, and an expired one', async () => {
    const user = await newUser();
    const code = await signIn(user.sub);
    await api.dataSource.query(`UPDATE app_user SET disabled_at = now() WHERE id = $1`, [user.id]);
    expect((await exchange({ code })).status).toBe(401);

    const other = await newUser();
    const late = await signIn(other.sub);
    clockOffsetMs = 6 * 60_000;
    const refused = await exchange({ code: late });
    expect(refused.status).toBe(401);
    expect(refused.body.details[0].code).toBe('oidc_code_invalid');
  });

  it('passes on what the provider says when the person cancels there', async () => {
    const user = await newUser();
    const browser = new CookieBrowser();
    const callback = await throughProvider(browser, user.sub, { abort: true });
    expect(callback.searchParams.get('error')).toBe('access_denied');
    const refused = await browser.get(callback.href);
    expect(refused.status).toBe(401);
    expect((await refusalOf(refused)).code).toBe('oidc_provider_refused');
  });

  it("asks for the Koers second factor unless the provider's amr shows one", async () => {
    // A privacy officer without a Koers TOTP (not in demo mode): only with the provider's second factor.
    const officer = await newUser({ role: 'privacy_officer' });
    const withoutMfa = await signIn(officer.sub);
    const refused = await exchange({ code: withoutMfa });
    expect(refused.status).toBe(403);
    expect(refused.body.details[0].code).toBe('totp_enrolment_required');
    const withMfa = await exchange({ code: await signIn(officer.sub, { mfa: true }) });
    expect(withMfa.status).toBe(200);
    expect((await me(bearer(withMfa.body.token))).body.role).toBe('privacy_officer');

    // A member with a Koers TOTP: the code is asked for (the login code stays usable meanwhile), then accepted.
    const member = await newUser();
    // From an address of its own: this suite allows 4 failed logins per address, and 127.0.0.1 may carry other
    // suites' failures on the shared test database.
    const login = await request(api.http)
      .post('/api/auth/login')
      .set('X-Forwarded-For', newAddress())
      .send({ username: member.username, password: TEST_PASSWORD });
    expect(login.status).toBe(200);
    const password = { Authorization: `Bearer ${login.body.token}` };
    const { secret } = (await request(api.http).post('/api/auth/totp/enrol').set(password).send({})).body;
    const key = base32Decode(secret)!;
    const confirm = { code: totpCode(key, new Date()) };
    expect((await request(api.http).post('/api/auth/totp/confirm').set(password).send(confirm)).status).toBe(
      200,
    );

    const code = await signIn(member.sub);
    const asked = await exchange({ code });
    expect(asked.status).toBe(401);
    expect(asked.body.details[0].code).toBe('totp_required');
    const wrong = await exchange({ code, totp: confirm.code === '000000' ? '111111' : '000000' });
    expect(wrong.body.details[0].code).toBe('totp_invalid');
    const accepted = await exchange({ code, totp: totpCode(key, new Date(Date.now() + 30_000)) });
    expect(accepted.status).toBe(200);
    expect((await me(bearer(accepted.body.token))).body.userId).toBe(member.id);
  });

  it('throttles the exchange per client address, and refuses malformed bodies with 400', async () => {
    const address = newAddress();
    for (let i = 0; i < 4; i++) {
      const answer = await exchange({ code: randomUUID().replace(/-/g, '').padEnd(43, 'x') }, address);
      expect(answer.status).toBe(401);
    }
    const locked = await exchange({ code: 'y'.repeat(43) }, address);
    expect(locked.status).toBe(429);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);

    for (const body of [
      {},
      { code: 'short' },
      { code: 'z'.repeat(43), totp: '12' },
      { code: 'z'.repeat(43), x: 1 },
    ]) {
      expect((await exchange(body)).status).toBe(400);
    }
  });

  it("lets an admin link and unlink a user's subject (PATCH /api/admin/users/:id), ending its sessions", async () => {
    const adminUser = await newUser({ role: 'admin' });
    const { token, tokenHash } = newSessionToken();
    await api.dataSource.query(
      `INSERT INTO session (user_id, token_hash, expires_at, last_seen_at) VALUES ($1, $2, now() + interval '1 hour', now())`,
      [adminUser.id, tokenHash],
    );
    const admin = bearer(token);
    // The provider's username claim names no one: only the admin's link lets this identity in.
    const user = await newUser({ claim: () => 'not-a-koers-user' });
    const patch = (id: string, body: object) =>
      request(api.http).patch(`/api/admin/users/${id}`).set(admin).send(body);

    const linked = await patch(user.id, { oidcSubject: user.sub });
    expect(linked.status).toBe(200);
    expect(linked.body.oidcSubject).toBe(user.sub);
    const session = await exchange({ code: await signIn(user.sub) });
    expect(session.status).toBe(200);

    expect((await patch(adminUser.id, { oidcSubject: user.sub })).status).toBe(409);
    expect((await patch(user.id, { oidcSubject: 'with space' })).status).toBe(400);

    const unlinked = await patch(user.id, { oidcSubject: null });
    expect(unlinked.body.oidcSubject).toBeNull();
    expect((await me(bearer(session.body.token))).status).toBe(401);
    const browser = new CookieBrowser();
    expect((await browser.get((await throughProvider(browser, user.sub)).href)).status).toBe(403);
    const [logged] = await api.dataSource.query(
      `SELECT details FROM admin_audit WHERE target_id = $1 AND actor_user_id = $2 ORDER BY id DESC LIMIT 1`,
      [user.id, adminUser.id],
    );
    expect(logged.details).toEqual({
      changes: { oidcSubject: { from: user.sub, to: null } },
      sessionsRevoked: true,
    });
  });

  describe('with the provider unreachable', () => {
    let down: ApiHarness;
    beforeAll(async () => {
      down = await startApi({
        OIDC_ISSUER: `http://127.0.0.1:${await freePort()}`,
        OIDC_CLIENT_ID: CLIENT_ID,
        OIDC_REDIRECT_URI: 'http://127.0.0.1:9/api/auth/oidc/callback',
      });
    });
    afterAll(async () => {
      await down?.close();
      for (const name of OIDC_ENV) delete process.env[name];
    });

    it('answers 503 with a generic body, starting no attempt', async () => {
      const [{ count: before }] = await down.dataSource.query(
        `SELECT count(*)::int AS count FROM oidc_login`,
      );
      const response = await request(down.http).get('/api/auth/oidc');
      expect(response.status).toBe(503);
      expect(response.body.message).not.toContain('127.0.0.1');
      expect(response.headers['set-cookie']).toBeUndefined();
      const [{ count: after }] = await down.dataSource.query(`SELECT count(*)::int AS count FROM oidc_login`);
      expect(after).toBe(before);
    });
  });

  describe('with single sign-on off', () => {
    let off: ApiHarness;
    beforeAll(async () => {
      for (const name of OIDC_ENV) delete process.env[name];
      off = await startApi({});
    });
    afterAll(async () => {
      await off?.close();
    });

    it('says so in the options and answers 404 on the sign-in routes', async () => {
      expect((await request(off.http).get('/api/auth/options')).body).toEqual({
        password: true,
        oidc: false,
        oidcLabel: null,
        oidcStartUrl: null,
      });
      const start = await request(off.http).get('/api/auth/oidc');
      expect(start.status).toBe(404);
      expect(start.headers['set-cookie']).toBeUndefined();
      expect((await request(off.http).get('/api/auth/oidc/callback?state=abc&code=def')).status).toBe(404);
      expect(
        (
          await request(off.http)
            .post('/api/auth/oidc/exchange')
            .send({ code: 'c'.repeat(43) })
        ).status,
      ).toBe(404);
    });
  });
});
