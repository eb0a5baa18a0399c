import { InternalServerErrorException, Logger } from '@nestjs/common';
import { createHmac } from 'node:crypto';
import request from 'supertest';
import { AuthService, PasswordHasher } from '@koers/access';
import { Clock, ManualClock } from '@koers/clock';
import { KOERS_CONFIG, type KoersConfig } from '@koers/config';
import { base32Decode, totpCode } from '../libs/access/src/totp';
import { TotpSecretBox } from '../libs/access/src/totp-secret-box';
import { ApiHarness, TEST_PASSWORD, startApi } from './support/api-harness';
import { createTeam } from './support/fixtures';

const MINUTE = 60_000;
type Auth = { Authorization: string };

/**
 * An independent RFC 6238 TOTP (HMAC-SHA1, 6 digits, 30 s), written apart from libs/access/src/totp.ts so the
 * two check each other; itself checked against the RFC's test vector below.
 */
function independentTotp(base32Secret: string, unixSeconds: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  const bits = [...base32Secret].map((c) => alphabet.indexOf(c).toString(2).padStart(5, '0')).join('');
  const key = Buffer.from(bits.match(/.{8}/g)!.map((byte) => parseInt(byte, 2)));
  const counter = Buffer.alloc(8);
  const step = Math.floor(unixSeconds / 30);
  counter.writeUInt32BE(Math.floor(step / 2 ** 32), 0);
  counter.writeUInt32BE(step % 2 ** 32, 4);
  const mac = createHmac('sha1', key).update(counter).digest();
  const o = mac[19] & 0x0f;
  const binary = ((mac[o] & 0x7f) << 24) | (mac[o + 1] << 16) | (mac[o + 2] << 8) | mac[o + 3];
  return String(binary % 1_000_000).padStart(6, '0');
}

/** RFC 6238 Appendix B: seed "12345678901234567890" (SHA-1), T = 59 s gives 94287082, T = 1111111109 s gives 07081804. */
const RFC_SECRET_BASE32 = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

/**
 * Issue 5 item 6 against the real API: login throttling and lockout per username and client address, no user
 * enumeration, idle and absolute session timeouts, the TOTP second factor (and the roles that need it), security
 * headers, no-store, prototype keys refused, generic 5xx bodies. Time is the API's injected Clock, driven here by a
 * ManualClock; client addresses come from X-Forwarded-For (TRUST_PROXY=loopback), one fresh address per test.
 */
describe('login hardening (e2e)', () => {
  let api: ApiHarness;
  const clock = new ManualClock(new Date('2026-11-23T09:00:00Z'));
  let lastAddress = 0;
  const newAddress = () => `198.51.100.${++lastAddress}`;

  beforeAll(async () => {
    api = await startApi({
      TRUST_PROXY: 'loopback',
      SESSION_TTL_MINUTES: '120',
      SESSION_IDLE_MINUTES: '30',
      LOGIN_MAX_FAILURES: '5',
      LOGIN_IP_MAX_FAILURES: '12',
      LOGIN_WINDOW_MINUTES: '15',
      LOGIN_LOCK_MINUTES: '15',
    });
    jest.spyOn(api.app.get(Clock), 'now').mockImplementation(() => clock.now());
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await api?.close();
  });
  beforeEach(() => clock.set(new Date('2026-11-23T09:00:00Z')));

  const login = (body: Record<string, unknown>, address: string) =>
    request(api.http).post('/api/auth/login').set('X-Forwarded-For', address).send(body);
  const loggedIn = async (username: string, address = newAddress(), totp?: string): Promise<Auth> => {
    const response = await login({ username, password: TEST_PASSWORD, ...(totp ? { totp } : {}) }, address);
    expect(response.status).toBe(200);
    return { Authorization: `Bearer ${response.body.token}` };
  };
  const me = (auth: Auth) => request(api.http).get('/api/auth/me').set(auth);
  const newUser = async (role?: string): Promise<string> => {
    const username = (await createTeam(api.dataSource, ['addiction_care'])).users.addiction_care;
    if (role)
      await api.dataSource.query(`UPDATE app_user SET role = $2 WHERE username = $1`, [username, role]);
    return username;
  };
  const advance = (minutes: number) => clock.advance(minutes * MINUTE);

  describe('throttling and lockout', () => {
    it('locks a username for 15 minutes after 5 failures, known or unknown alike', async () => {
      const username = await newUser();
      const unknown = `nobody-${username}`;
      for (const name of [username, unknown]) {
        for (let i = 0; i < 5; i++) {
          // Each failure from another address: the lock is on the username.
          expect((await login({ username: name, password: 'wrong' }, newAddress())).status).toBe(401);
        }
      }
      const locked = await login({ username, password: TEST_PASSWORD }, newAddress());
      const lockedUnknown = await login({ username: unknown, password: TEST_PASSWORD }, newAddress());
      expect(locked.status).toBe(429);
      expect(locked.body).toEqual({
        statusCode: 429,
        error: 'too_many_requests',
        message: 'Too many failed login attempts; wait a while and try again',
      });
      expect(lockedUnknown.status).toBe(429);
      expect(lockedUnknown.body).toEqual(locked.body);
      expect(Number(locked.headers['retry-after'])).toBe(15 * 60);
      // Usernames differing only in case count together.
      expect((await login({ username: username.toUpperCase(), password: 'x' }, newAddress())).status).toBe(
        429,
      );

      advance(14);
      const stillLocked = await login({ username, password: TEST_PASSWORD }, newAddress());
      expect(stillLocked.status).toBe(429);
      expect(Number(stillLocked.headers['retry-after'])).toBe(60);
      advance(1);
      clock.advance(1000);
      expect((await login({ username, password: TEST_PASSWORD }, newAddress())).status).toBe(200);
    });

    it('refused attempts while locked do not extend the lock', async () => {
      const username = await newUser();
      for (let i = 0; i < 5; i++) await login({ username, password: 'wrong' }, newAddress());
      for (let minute = 0; minute < 15; minute += 5) {
        expect((await login({ username, password: 'wrong' }, newAddress())).status).toBe(429);
        advance(5);
      }
      clock.advance(1000);
      expect((await login({ username, password: TEST_PASSWORD }, newAddress())).status).toBe(200);
    });

    it('resets the username count on success; failures spread beyond the window do not lock', async () => {
      const username = await newUser();
      const fail = async (n: number) => {
        for (let i = 0; i < n; i++)
          expect((await login({ username, password: 'wrong' }, newAddress())).status).toBe(401);
      };
      await fail(4);
      await loggedIn(username);
      await fail(4);
      await loggedIn(username);
      await fail(4);
      advance(16); // the window of the first of these four has passed
      await fail(4);
      await loggedIn(username);
      await fail(5);
      expect((await login({ username, password: TEST_PASSWORD }, newAddress())).status).toBe(429);
    });

    it('counts parallel guesses before the password is checked: exactly 5 get through', async () => {
      const username = await newUser();
      const responses = await Promise.all(
        Array.from({ length: 12 }, () => login({ username, password: 'wrong' }, newAddress())),
      );
      const statuses = responses.map((r) => r.status).sort();
      expect(statuses).toEqual([...Array<number>(5).fill(401), ...Array<number>(7).fill(429)]);
    });

    it('throttles a client address that sprays many usernames, not the users themselves', async () => {
      const sprayer = newAddress();
      const victim = await newUser();
      for (let i = 0; i < 12; i++) {
        expect((await login({ username: `spray-${i}-${victim}`, password: 'x' }, sprayer)).status).toBe(401);
      }
      // The 13th attempt from that address is refused, even with a right password ...
      expect((await login({ username: victim, password: TEST_PASSWORD }, sprayer)).status).toBe(429);
      // ... while the user logs in from anywhere else.
      await loggedIn(victim);
      advance(15);
      clock.advance(1000);
      await loggedIn(victim, sprayer);
    });

    it('does not count successful logins against the address', async () => {
      const office = newAddress();
      const username = await newUser();
      for (let i = 0; i < 15; i++) await loggedIn(username, office);
      expect((await login({ username: `typo-${username}`, password: 'x' }, office)).status).toBe(401);
    });

    it('stores no username, only hashed keys', async () => {
      const username = await newUser();
      await login({ username, password: 'wrong' }, newAddress());
      const rows: { key_hash: string; kind: string }[] = await api.dataSource.query(
        `SELECT key_hash, kind FROM login_throttle`,
      );
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) expect(row.key_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(JSON.stringify(rows)).not.toContain(username);
    });
  });

  describe('no user enumeration', () => {
    it('answers an unknown user and a wrong password alike, after the same password hash work', async () => {
      const username = await newUser();
      const verify = jest.spyOn(api.app.get(PasswordHasher), 'verify');
      const wrong = await login({ username, password: 'wrong' }, newAddress());
      const unknown = await login({ username: `ghost-${username}`, password: 'wrong' }, newAddress());
      expect(wrong.status).toBe(401);
      expect(unknown.status).toBe(wrong.status);
      expect(unknown.body).toEqual(wrong.body);
      expect(Object.keys(unknown.headers).sort()).toEqual(Object.keys(wrong.headers).sort());
      // Both ran one argon2id verification (the unknown user against a dummy hash with the same parameters).
      expect(verify).toHaveBeenCalledTimes(2);
      expect(verify.mock.calls[1][0]).toMatch(/^\$argon2id\$v=19\$m=65536,p=4,t=3\$/);
      verify.mockRestore();
    });
  });

  describe('session timeouts', () => {
    it('ends a session after 30 minutes without a request; each request slides it', async () => {
      const username = await newUser();
      const auth = await loggedIn(username);
      advance(29);
      expect((await me(auth)).status).toBe(200);
      advance(29);
      expect((await me(auth)).status).toBe(200); // 58 minutes after login, 29 after the last request
      advance(30);
      clock.advance(1000);
      const expired = await me(auth);
      expect(expired.status).toBe(401);
      expect(expired.body.message).toMatch(/expired or was ended/);
    });

    it('writes last_seen_at at most once a minute per session', async () => {
      const username = await newUser();
      const auth = await loggedIn(username);
      const lastSeen = async () =>
        (
          (await api.dataSource.query(
            `SELECT s.last_seen_at FROM session s JOIN app_user u ON u.id = s.user_id WHERE u.username = $1`,
            [username],
          )) as { last_seen_at: Date }[]
        )[0].last_seen_at.toISOString();
      const loginTime = clock.now().toISOString();
      expect(await lastSeen()).toBe(loginTime);
      clock.advance(30_000);
      expect((await me(auth)).status).toBe(200);
      expect(await lastSeen()).toBe(loginTime);
      clock.advance(31_000);
      expect((await me(auth)).status).toBe(200);
      expect(await lastSeen()).toBe(clock.now().toISOString());
    });

    it('ends a session at its absolute lifetime however active it is', async () => {
      const username = await newUser();
      const response = await login({ username, password: TEST_PASSWORD }, newAddress());
      expect(response.body).toMatchObject({
        tokenType: 'Bearer',
        expiresAt: new Date(clock.now().getTime() + 120 * MINUTE).toISOString(),
        idleTimeoutMinutes: 30,
      });
      const auth = { Authorization: `Bearer ${response.body.token}` };
      for (let minutes = 20; minutes < 120; minutes += 20) {
        advance(20);
        expect((await me(auth)).status).toBe(200);
      }
      advance(19);
      expect((await me(auth)).status).toBe(200); // 119 minutes
      advance(1);
      expect((await me(auth)).status).toBe(401); // 120 minutes
    });

    it('logout revokes the token at once', async () => {
      const auth = await loggedIn(await newUser());
      expect((await request(api.http).post('/api/auth/logout').set(auth)).status).toBe(204);
      expect((await me(auth)).status).toBe(401);
    });
  });

  describe('TOTP second factor', () => {
    const codeAt = (secret: string, at = clock.now()) => {
      // Our pure function and the independent one must agree on every code the test uses.
      const ours = totpCode(base32Decode(secret)!, at);
      expect(ours).toBe(independentTotp(secret, Math.floor(at.getTime() / 1000)));
      return ours;
    };

    it('checks the independent implementation against RFC 6238', () => {
      expect(independentTotp(RFC_SECRET_BASE32, 59)).toBe('287082');
      expect(independentTotp(RFC_SECRET_BASE32, 1111111109)).toBe('081804');
      expect(independentTotp(RFC_SECRET_BASE32, 2000000000)).toBe('279037');
    });

    it('enrols, confirms with the first code, and then needs a fresh code at every login', async () => {
      const username = await newUser();
      const auth = await loggedIn(username);
      const enrol = await request(api.http).post('/api/auth/totp/enrol').set(auth).send({});
      expect(enrol.status).toBe(200);
      const { secret, otpauthUri } = enrol.body as { secret: string; otpauthUri: string };
      expect(secret).toMatch(/^[A-Z2-7]{32}$/);
      expect(otpauthUri).toBe(
        `otpauth://totp/Koers:${encodeURIComponent(username)}?secret=${secret}&issuer=Koers&algorithm=SHA1&digits=6&period=30`,
      );
      // Until confirmed, login needs no code.
      await loggedIn(username);

      const confirm = (code: string) =>
        request(api.http).post('/api/auth/totp/confirm').set(auth).send({ code });
      const wrong = String((Number(codeAt(secret)) + 1) % 1_000_000).padStart(6, '0');
      const refused = await confirm(wrong);
      expect(refused.status).toBe(400);
      expect(refused.body.details[0]).toMatchObject({ code: 'totp_invalid', field: 'code' });
      expect((await confirm(codeAt(secret))).body).toEqual({ totpEnabled: true });

      // Stored encrypted, never returned again.
      const [row] = await api.dataSource.query(
        `SELECT t.secret, t.pending_secret FROM user_totp t JOIN app_user u ON u.id = t.user_id WHERE u.username = $1`,
        [username],
      );
      expect(row.pending_secret).toBeNull();
      expect(row.secret).toMatch(/^v1\./);
      expect(row.secret).not.toContain(secret);
      expect(row.secret).not.toContain(base32Decode(secret)!.toString('base64url'));
      expect(JSON.stringify((await me(auth)).body)).not.toContain(secret);

      const address = newAddress();
      const withoutCode = await login({ username, password: TEST_PASSWORD }, address);
      expect(withoutCode.status).toBe(401);
      expect(withoutCode.body.details).toEqual([
        expect.objectContaining({ code: 'totp_required', field: 'totp' }),
      ]);
      // The code of the confirmation's time step was used: replaying it is refused.
      const replay = await login({ username, password: TEST_PASSWORD, totp: codeAt(secret) }, address);
      expect(replay.status).toBe(401);
      expect(replay.body.details).toEqual([expect.objectContaining({ code: 'totp_invalid' })]);

      clock.advance(30_000);
      const code = codeAt(secret);
      await loggedIn(username, address, code);
      expect((await login({ username, password: TEST_PASSWORD, totp: code }, address)).status).toBe(401);
      // A wrong password with a right code is the ordinary 401.
      clock.advance(30_000);
      const wrongPassword = await login({ username, password: 'wrong', totp: codeAt(secret) }, address);
      expect(wrongPassword.body).toEqual({
        statusCode: 401,
        error: 'unauthenticated',
        message: 'Unknown username or wrong password',
      });
      // A code from 30 seconds ago (drift) is still accepted, once.
      clock.advance(30_000);
      await loggedIn(username, address, codeAt(secret, new Date(clock.now().getTime() - 30_000)));
    });

    it('counts wrong codes as failed logins, but not a missing code', async () => {
      const username = await newUser();
      const auth = await loggedIn(username);
      const { secret } = (await request(api.http).post('/api/auth/totp/enrol').set(auth).send({})).body;
      await request(api.http)
        .post('/api/auth/totp/confirm')
        .set(auth)
        .send({ code: codeAt(secret) });
      for (let i = 0; i < 8; i++) {
        expect((await login({ username, password: TEST_PASSWORD }, newAddress())).status).toBe(401);
      }
      clock.advance(30_000);
      await loggedIn(username, newAddress(), codeAt(secret));
      const wrong = String((Number(codeAt(secret)) + 500_000) % 1_000_000).padStart(6, '0');
      for (let i = 0; i < 5; i++) {
        expect((await login({ username, password: TEST_PASSWORD, totp: wrong }, newAddress())).status).toBe(
          401,
        );
      }
      clock.advance(30_000);
      const locked = await login({ username, password: TEST_PASSWORD, totp: codeAt(secret) }, newAddress());
      expect(locked.status).toBe(429);
    });

    it('accepts the RFC 6238 test vector end to end', async () => {
      const username = await newUser();
      const config = api.app.get<KoersConfig>(KOERS_CONFIG);
      const [user] = await api.dataSource.query(`SELECT id FROM app_user WHERE username = $1`, [username]);
      const sealed = new TotpSecretBox(config.totpEncryptionKey).seal(
        base32Decode(RFC_SECRET_BASE32)!,
        user.id,
      );
      await api.dataSource.query(
        `INSERT INTO user_totp (user_id, secret, confirmed_at, updated_at) VALUES ($1, $2, now(), now())`,
        [user.id, sealed],
      );
      clock.set(new Date(1111111109 * 1000));
      expect((await login({ username, password: TEST_PASSWORD, totp: '287082' }, newAddress())).status).toBe(
        401,
      );
      await loggedIn(username, newAddress(), '081804');
    });

    it('lets only the user with the right token or password enrol', async () => {
      const username = await newUser();
      const auth = await loggedIn(username);
      const mixed = await request(api.http)
        .post('/api/auth/totp/enrol')
        .set(auth)
        .send({ username, password: TEST_PASSWORD });
      expect(mixed.status).toBe(400);
      const noOne = await request(api.http).post('/api/auth/totp/enrol').send({});
      expect(noOne.status).toBe(401);
      const badToken = await request(api.http)
        .post('/api/auth/totp/enrol')
        .set({ Authorization: 'Bearer not-a-real-token-at-all-1234' })
        .send({});
      expect(badToken.status).toBe(401);
      const wrongPassword = await request(api.http)
        .post('/api/auth/totp/enrol')
        .set('X-Forwarded-For', newAddress())
        .send({ username, password: 'wrong' });
      expect(wrongPassword.status).toBe(401);
      expect(wrongPassword.body.message).toBe('Unknown username or wrong password');

      // Once a second factor exists, enrolling with the password alone is not enough.
      const { secret } = (await request(api.http).post('/api/auth/totp/enrol').set(auth).send({})).body;
      await request(api.http)
        .post('/api/auth/totp/confirm')
        .set(auth)
        .send({ code: codeAt(secret) });
      const passwordOnly = await request(api.http)
        .post('/api/auth/totp/enrol')
        .set('X-Forwarded-For', newAddress())
        .send({ username, password: TEST_PASSWORD });
      expect(passwordOnly.status).toBe(401);
      expect(passwordOnly.body.details[0].code).toBe('totp_required');
    });

    it.each(['privacy_officer', 'admin'])(
      'requires a second factor of a %s: enrol and confirm with the password, then log in with codes',
      async (role) => {
        const username = await newUser(role);
        const address = newAddress();
        const refused = await login({ username, password: TEST_PASSWORD }, address);
        expect(refused.status).toBe(403);
        expect(refused.body.details).toEqual([expect.objectContaining({ code: 'totp_enrolment_required' })]);
        const wrongPassword = await login({ username, password: 'wrong' }, address);
        expect(wrongPassword.status).toBe(401);

        const enrol = await request(api.http)
          .post('/api/auth/totp/enrol')
          .set('X-Forwarded-For', address)
          .send({ username, password: TEST_PASSWORD });
        expect(enrol.status).toBe(200);
        const { secret } = enrol.body;
        const confirm = await request(api.http)
          .post('/api/auth/totp/confirm')
          .set('X-Forwarded-For', address)
          .send({ username, password: TEST_PASSWORD, code: codeAt(secret) });
        expect(confirm.status).toBe(200);
        expect(confirm.body).toMatchObject({ totpEnabled: true, tokenType: 'Bearer' });
        expect((await me({ Authorization: `Bearer ${confirm.body.token}` })).body.role).toBe(role);

        expect((await login({ username, password: TEST_PASSWORD }, address)).body.details[0].code).toBe(
          'totp_required',
        );
        clock.advance(30_000);
        await loggedIn(username, address, codeAt(secret));
      },
    );

    it('lets a privacy officer and an admin in without a second factor in demo mode only', async () => {
      const officer = await newUser('privacy_officer');
      const admin = await newUser('admin');
      const demo = await startApi({ DEMO_MODE: '1' });
      try {
        for (const username of [officer, admin]) {
          const response = await request(demo.http)
            .post('/api/auth/login')
            .send({ username, password: TEST_PASSWORD });
          expect(response.status).toBe(200);
        }
      } finally {
        await demo.close();
        delete process.env.DEMO_MODE;
      }
      expect((await login({ username: officer, password: TEST_PASSWORD }, newAddress())).status).toBe(403);
    });
  });

  describe('HTTP hardening', () => {
    const common = {
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'x-frame-options': 'DENY',
      'cross-origin-resource-policy': 'same-origin',
    };

    it('sends the security headers and no-store on API answers of every kind', async () => {
      const auth = await loggedIn(await newUser());
      const responses = await Promise.all([
        request(api.http).get('/api/health'),
        request(api.http).get('/api/clients').set(auth),
        request(api.http).get('/api/clients'), // 401
        request(api.http).get('/api/nope'), // 404
        request(api.http).post('/api/auth/login').set('content-type', 'application/json').send('{"a":'), // 400
        request(api.http)
          .post('/api/auth/login')
          .send({ username: 'x'.repeat(110_000), password: 'x' }), // 413
        request(api.http).get('/API/clients').set(auth), // Express routes case-insensitively
      ]);
      expect(responses.map((r) => r.status)).toEqual([200, 200, 401, 404, 400, 413, 200]);
      for (const response of responses) {
        expect(response.headers).toMatchObject({ ...common, 'cache-control': 'no-store' });
        expect(response.headers['content-security-policy']).toBe(
          "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
        );
        expect(response.headers['x-powered-by']).toBeUndefined();
        expect(response.headers['strict-transport-security']).toBeUndefined();
        expect(response.headers['content-type']).toMatch(/^application\/json/);
      }
      expect(responses[5].body).toEqual({
        statusCode: 413,
        error: 'payload_too_large',
        message: 'request entity too large',
      });
    });

    it('lets the public docs be cached and load their own scripts and styles', async () => {
      for (const path of ['/api/docs', '/api/docs/openapi.json']) {
        const response = await request(api.http).get(path);
        expect(response.status).toBe(200);
        expect(response.headers).toMatchObject(common);
        expect(response.headers['cache-control'] ?? '').not.toContain('no-store');
        expect(response.headers['content-security-policy']).toContain("style-src 'self' 'unsafe-inline'");
        expect(response.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      }
    });

    it('sends Strict-Transport-Security only over HTTPS (here: a trusted proxy saying so)', async () => {
      const https = await request(api.http).get('/api/health').set('X-Forwarded-Proto', 'https');
      expect(https.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
      const http = await request(api.http).get('/api/health').set('X-Forwarded-Proto', 'http');
      expect(http.headers['strict-transport-security']).toBeUndefined();
    });

    it.each([
      ['__proto__ at the top', '{"username":"a","password":"b","__proto__":{"isAdmin":true}}', '__proto__'],
      [
        'constructor nested',
        '{"username":"a","password":"b","x":{"constructor":{"prototype":1}}}',
        'prototype',
      ],
      ['an escaped __proto__', '{"username":"a","password":"b","\\u005f_proto__":{}}', '__proto__'],
      ['prototype in an array', '{"username":"a","password":"b","x":[{"prototype":{}}]}', 'prototype'],
    ])('refuses a body with %s with 400', async (_what, raw, key) => {
      const response = await request(api.http)
        .post('/api/auth/login')
        .set('content-type', 'application/json')
        .send(raw);
      expect(response.status).toBe(400);
      expect(response.body.message).toBe(`The JSON body contains the key "${key}", which is not allowed`);
    });

    it('refuses prototype keys on client data endpoints too', async () => {
      const auth = await loggedIn(await newUser());
      const response = await request(api.http)
        .post('/api/clients')
        .set(auth)
        .set('content-type', 'application/json')
        .send(
          '{"displayName":"Demo P. Roto","signal":{"source":"self","description":"Meldt zich zelf.","constructor":{}}}',
        );
      expect(response.status).toBe(400);
      expect(response.body.message).toContain('"constructor"');
    });

    it('answers a 5xx with a generic body: no message of ours, no stack', async () => {
      const auth = await loggedIn(await newUser());
      const service = api.app.get(AuthService);
      const spy = jest.spyOn(service, 'authenticate');
      spy.mockRejectedValueOnce(new InternalServerErrorException('pool exhausted at db-7.internal'));
      spy.mockRejectedValueOnce(new Error('relation "secret_table" does not exist'));
      const logger = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
      try {
        for (let i = 0; i < 2; i++) {
          const response = await me(auth);
          expect(response.status).toBe(500);
          expect(response.body.message).toBe('An unexpected error occurred on our side; it has been logged');
          expect(response.text).not.toMatch(/db-7|secret_table|\bat \w|\.ts:\d/);
          expect(response.headers['cache-control']).toBe('no-store');
        }
      } finally {
        spy.mockRestore();
        logger.mockRestore();
      }
      expect((await me(auth)).status).toBe(200);
    });
  });
});
