import type { NextFunction, Request, Response } from 'express';

/**
 * Security headers on every response (issue 5 item 6), without helmet: a handful of fixed headers is
 * easier to read here than a dependency's defaults.
 *
 * - JSON under /api: a Content-Security-Policy that allows nothing at all, should a response ever be rendered.
 * - /api/docs (Swagger UI, public): its own scripts and styles (the page has an inline <style>), data: images.
 * - anything else (the coming same-origin web app): only its own origin; no inline script, no framing.
 * - `Cache-Control: no-store` on every /api response but the docs: client data is never cached, in no browser
 *   and no proxy.
 * - Strict-Transport-Security only on requests that came in over HTTPS (`req.secure`; behind a reverse proxy
 *   that needs TRUST_PROXY so X-Forwarded-Proto counts), so plain-HTTP development is not pinned to HTTPS.
 */
const API_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
const DOCS_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
  "connect-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
const APP_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
  "connect-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

const FIXED: Record<string, string> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
};

// Express routes case-insensitively: /API/clients reaches the API too.
const isDocs = (path: string) => /^\/api\/docs(?:[/-]|$)/i.test(path);
const isApi = (path: string) => /^\/api(?:\/|$)/i.test(path);

export function securityHeaders(request: Request, response: Response, next: NextFunction): void {
  const path = request.path;
  for (const [name, value] of Object.entries(FIXED)) response.setHeader(name, value);
  if (isDocs(path)) {
    response.setHeader('Content-Security-Policy', DOCS_POLICY);
  } else if (isApi(path)) {
    response.setHeader('Content-Security-Policy', API_POLICY);
    response.setHeader('Cache-Control', 'no-store');
  } else {
    response.setHeader('Content-Security-Policy', APP_POLICY);
  }
  if (request.secure) response.setHeader('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
  next();
}
