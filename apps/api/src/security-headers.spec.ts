import type { Request, Response } from 'express';
import { securityHeaders } from './security-headers';

describe('securityHeaders', () => {
  const run = (path: string, secure = false) => {
    const headers: Record<string, string> = {};
    const response = { setHeader: (name: string, value: string) => (headers[name.toLowerCase()] = value) };
    const next = jest.fn();
    securityHeaders({ path, secure } as Request, response as unknown as Response, next);
    expect(next).toHaveBeenCalledTimes(1);
    return headers;
  };

  it('gives JSON under /api a policy that allows nothing, and no-store', () => {
    for (const path of ['/api', '/api/clients', '/API/Clients/1']) {
      expect(run(path)).toMatchObject({
        'content-security-policy':
          "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
        'x-frame-options': 'DENY',
        'cross-origin-resource-policy': 'same-origin',
      });
    }
  });

  it('lets the docs use their own scripts and inline styles, cacheable', () => {
    for (const path of ['/api/docs', '/api/docs/swagger-ui.css', '/api/docs-json']) {
      const headers = run(path);
      expect(headers['content-security-policy']).toContain("style-src 'self' 'unsafe-inline'");
      expect(headers['content-security-policy']).toContain("script-src 'self'");
      expect(headers['cache-control']).toBeUndefined();
    }
    expect(run('/api/docsx')['cache-control']).toBe('no-store');
  });

  it('gives everything else (the coming web app) a same-origin policy without inline script or framing', () => {
    const headers = run('/');
    expect(headers['content-security-policy']).toMatch(
      /^default-src 'self'; script-src 'self'; style-src 'self';/,
    );
    expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(headers['x-frame-options']).toBe('DENY');
    expect(headers['cache-control']).toBeUndefined();
  });

  it('pins HTTPS only on secure requests', () => {
    expect(run('/api/health', true)['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    expect(run('/api/health', false)['strict-transport-security']).toBeUndefined();
  });
});
