import { type Agent, request as httpRequest } from 'node:http';

/**
 * The benchmarks' HTTP client: plain node:http on a keep-alive agent, which costs the load generator far less CPU
 * per request than fetch (it shares the machine's CPUs with the API and PostgreSQL).
 */
export interface HttpResponse {
  status: number;
  body: Buffer;
}

export function httpCall(
  agent: Agent,
  method: 'GET' | 'POST',
  url: string,
  token?: string,
  body?: string,
): Promise<HttpResponse> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = {
      accept: 'application/json',
      ...(body === undefined
        ? {}
        : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    };
    const req = httpRequest(url, { method, agent, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}
