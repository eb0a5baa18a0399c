import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Provider } from 'oidc-provider';

/** An account at the test provider: its stable subject, and the username claim it sends. */
export interface ProviderAccount {
  sub: string;
  preferredUsername?: string;
}

export interface ProviderClient {
  clientId: string;
  clientSecret: string;
  redirectUri: string;
}

/**
 * A real OpenID provider (the `oidc-provider` package) on an ephemeral loopback port, for the OIDC login suites.
 *
 * Its interactions are a minimal handler of our own instead of the package's development pages: a POST to
 * `/interaction/:uid` with `login=<sub>` (and `mfa=1` to report a second factor in `amr`) signs that account in;
 * on the consent prompt any POST grants what the client asked for; `abort=1` cancels (`access_denied`). That is
 * what a person does on a real provider's login and consent pages, without scraping HTML.
 */
export class TestOidcProvider {
  private constructor(
    private readonly server: Server,
    readonly provider: Provider,
    readonly issuer: string,
    private readonly accounts: Map<string, ProviderAccount>,
  ) {}

  static async start(client: ProviderClient): Promise<TestOidcProvider> {
    let handler: (request: IncomingMessage, response: ServerResponse) => void = (_q, s) => s.end();
    const server = createServer((request, response) => handler(request, response));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const accounts = new Map<string, ProviderAccount>();
    const signingKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({
      format: 'jwk',
    });

    const provider = withoutStartupWarnings(
      () =>
        new Provider(issuer, {
          clients: [
            {
              client_id: client.clientId,
              client_secret: client.clientSecret,
              redirect_uris: [client.redirectUri],
              grant_types: ['authorization_code'],
              response_types: ['code'],
              token_endpoint_auth_method: 'client_secret_basic',
            },
          ],
          jwks: { keys: [{ ...signingKey, use: 'sig', kid: 'test-signing-key' }] },
          cookies: { keys: [randomBytes(32).toString('base64url')] },
          // amr in every ID token, as the providers municipalities use send it.
          claims: {
            acr: null,
            sid: null,
            auth_time: null,
            iss: null,
            openid: ['sub', 'amr'],
            profile: ['preferred_username'],
          },
          features: { devInteractions: { enabled: false } },
          interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
          ttl: {
            AccessToken: 600,
            AuthorizationCode: 60,
            Grant: 3600,
            IdToken: 3600,
            Interaction: 600,
            Session: 3600,
          },
          findAccount: (_ctx, sub) => {
            const account = accounts.get(sub);
            if (!account) return undefined;
            return {
              accountId: sub,
              claims: () => ({
                sub,
                ...(account.preferredUsername ? { preferred_username: account.preferredUsername } : {}),
              }),
            };
          },
        }),
    );
    const callback = provider.callback();
    const testProvider = new TestOidcProvider(server, provider, issuer, accounts);
    handler = (request, response) => {
      if (request.url?.startsWith('/interaction/')) {
        testProvider.interaction(request, response).catch((error: unknown) => {
          response.statusCode = 500;
          response.end(String(error));
        });
      } else {
        void callback(request, response);
      }
    };
    return testProvider;
  }

  addAccount(account: ProviderAccount): void {
    this.accounts.set(account.sub, account);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async interaction(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const details = await this.provider.interactionDetails(request, response);
    if (request.method !== 'POST') {
      response.setHeader('content-type', 'text/plain');
      response.end(`interaction ${details.uid}: ${details.prompt.name}`);
      return;
    }
    const form = new URLSearchParams(await readBody(request));
    if (form.get('abort') === '1') {
      await this.provider.interactionFinished(
        request,
        response,
        { error: 'access_denied', error_description: 'End-User aborted interaction' },
        { mergeWithLastSubmission: false },
      );
      return;
    }
    if (details.prompt.name === 'login') {
      const sub = form.get('login') ?? '';
      const amr = form.get('mfa') === '1' ? ['pwd', 'otp', 'mfa'] : ['pwd'];
      await this.provider.interactionFinished(
        request,
        response,
        { login: { accountId: sub, amr } },
        { mergeWithLastSubmission: false },
      );
      return;
    }
    // Consent: grant every scope and claim the client asked for.
    const { session, params, prompt } = details;
    const grant = new this.provider.Grant({
      accountId: session!.accountId,
      clientId: params.client_id as string,
    });
    const missing = prompt.details as { missingOIDCScope?: string[]; missingOIDCClaims?: string[] };
    if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
    if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
    await this.provider.interactionFinished(
      request,
      response,
      { consent: { grantId: await grant.save() } },
      { mergeWithLastSubmission: true },
    );
  }
}

/**
 * The provider's construction warnings (an in-memory store, development defaults) say what a test provider is: not
 * shown. (Its import still warns once that Node.js 20 is older than the LTS it supports; it runs fine on it.)
 */
function withoutStartupWarnings<T>(make: () => T): T {
  const warn = console.warn;
  console.warn = (...args: unknown[]) => {
    if (!String(args[0]).includes('oidc-provider WARNING')) warn(...args);
  };
  try {
    return make();
  } finally {
    console.warn = warn;
  }
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (body += chunk));
    request.on('end', () => resolve(body));
    request.on('error', reject);
  });
}

/**
 * A browser, as far as the login flow needs one: it keeps cookies per host (ignoring paths, which only narrow
 * what a browser sends) and follows nothing by itself, so a test sees every redirect.
 */
export class CookieBrowser {
  private readonly jar = new Map<string, Map<string, string>>();

  async get(url: string, headers: Record<string, string> = {}): Promise<Response> {
    return this.send(url, { method: 'GET', headers });
  }

  async postForm(url: string, form: Record<string, string>): Promise<Response> {
    return this.send(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form).toString(),
    });
  }

  /** Follows redirects from `url` until an answer that is not one, or one whose target `stop` accepts. */
  async follow(
    url: string,
    stop: (location: URL) => boolean = () => false,
  ): Promise<{ response: Response; url: URL }> {
    let current = new URL(url);
    for (let hop = 0; hop < 20; hop++) {
      const response = await this.get(current.href);
      const location = response.headers.get('location');
      if (response.status < 300 || response.status >= 400 || !location) return { response, url: current };
      const next = new URL(location, current);
      if (stop(next)) return { response, url: next };
      current = next;
    }
    throw new Error(`more than 20 redirects from ${url}`);
  }

  cookie(host: string, name: string): string | undefined {
    return this.jar.get(host)?.get(name);
  }

  setCookie(host: string, name: string, value: string): void {
    if (!this.jar.has(host)) this.jar.set(host, new Map());
    this.jar.get(host)!.set(name, value);
  }

  private async send(url: string, init: RequestInit): Promise<Response> {
    const host = new URL(url).host;
    const cookies = [...(this.jar.get(host) ?? new Map<string, string>())]
      .map(([name, value]) => `${name}=${value}`)
      .join('; ');
    const response = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers as Record<string, string>), ...(cookies ? { cookie: cookies } : {}) },
    });
    for (const header of response.headers.getSetCookie()) this.store(host, header);
    return response;
  }

  private store(host: string, header: string): void {
    const [pair, ...attributes] = header.split(';').map((part) => part.trim());
    const at = pair.indexOf('=');
    const name = pair.slice(0, at);
    const value = pair.slice(at + 1);
    const expired = attributes.some((attribute) => {
      const [key, raw] = attribute.split('=');
      if (key.toLowerCase() === 'max-age') return Number(raw) <= 0;
      if (key.toLowerCase() === 'expires') return new Date(raw).getTime() <= Date.now();
      return false;
    });
    if (!this.jar.has(host)) this.jar.set(host, new Map());
    if (expired || value === '') this.jar.get(host)!.delete(name);
    else this.jar.get(host)!.set(name, value);
  }
}
