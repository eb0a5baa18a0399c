/**
 * The one way the web app talks to the API: same origin, bearer token from the session, JSON in and out.
 * Every failure becomes an ApiError with a Dutch message a user can act on; the API's own messages are English
 * (for developers), except the statechart's refusals, which are Dutch and shown as they are.
 */
export interface ApiErrorDetail {
  code: string;
  message: string;
  field?: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code?: string,
    readonly details: ApiErrorDetail[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** Someone else changed the same thing first (optimistic concurrency). */
  get isConflict(): boolean {
    return this.status === 409;
  }
}

const STATUS_MESSAGES: Record<number, string> = {
  400: 'De invoer klopt niet. Controleer de velden en probeer het opnieuw.',
  401: 'U bent niet (meer) ingelogd. Log opnieuw in.',
  403: 'U heeft geen toegang tot deze gegevens.',
  404: 'Niet gevonden, of u heeft er geen toegang toe.',
  409: 'Iemand anders heeft deze gegevens net gewijzigd. De pagina is opnieuw geladen; bekijk de wijziging en probeer het opnieuw.',
  413: 'De invoer is te groot.',
  422: 'Dit kan nu niet.',
  429: 'Te veel pogingen. Wacht even en probeer het dan opnieuw.',
};

/** Machine refusals and validation details the API words in Dutch (the statechart's rules). */
const looksDutch = (text: string) => /\b(de|het|een|niet|kan|alleen|geen|van|voor)\b/i.test(text);

function dutchMessage(status: number, details: ApiErrorDetail[]): string {
  const dutch = details.map((d) => d.message).filter(looksDutch);
  if (dutch.length > 0) return dutch.join(' ');
  if (status >= 500) return 'Er ging iets mis aan onze kant. Probeer het later opnieuw.';
  return STATUS_MESSAGES[status] ?? 'Het verzoek is niet gelukt.';
}

type TokenSource = () => string | null;
type UnauthorizedHandler = () => void;

let tokenSource: TokenSource = () => null;
let onUnauthorized: UnauthorizedHandler = () => undefined;

/** The session provider wires the token and what happens when the session has ended. */
export function configureApi(source: TokenSource, unauthorized: UnauthorizedHandler): void {
  tokenSource = source;
  onUnauthorized = unauthorized;
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  query?: Record<string, string | number | boolean | undefined | null>;
  /** Do not end the session on 401 (the login form itself). */
  anonymous?: boolean;
  signal?: AbortSignal;
}

function url(path: string, query?: RequestOptions['query']): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return `/api${path}${search ? `?${search}` : ''}`;
}

async function send(path: string, options: RequestOptions, accept: string): Promise<Response> {
  const headers: Record<string, string> = { Accept: accept };
  const token = options.anonymous ? null : tokenSource();
  if (token) headers.Authorization = `Bearer ${token}`;
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(url(path, options.query), {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ApiError(0, 'De server is niet bereikbaar. Controleer de verbinding en probeer het opnieuw.');
  }
  if (response.ok) return response;
  let body: { error?: string; message?: string; details?: ApiErrorDetail[] } = {};
  try {
    body = await response.json();
  } catch {
    // not JSON: the status says enough
  }
  if (response.status === 401 && !options.anonymous) onUnauthorized();
  const details = body.details ?? [];
  throw new ApiError(response.status, dutchMessage(response.status, details), body.error, details);
}

/** JSON request; resolves to the parsed body (undefined for 204). */
export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const response = await send(path, options, 'application/json');
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

/** Downloads a file (PDF, ICS, CSV, XLSX) with the session's token and hands it to the browser. */
export async function download(
  path: string,
  filename: string,
  query?: RequestOptions['query'],
): Promise<void> {
  const response = await send(path, { query }, '*/*');
  const blob = await response.blob();
  const href = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = href;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}
