import type { INestApplication } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { createApiApp } from '../../apps/api/src/create-api-app';
import { testDatabaseUrl } from './test-database';

export interface ApiHarness {
  app: INestApplication;
  http: ReturnType<INestApplication['getHttpServer']>;
  dataSource: DataSource;
  /** Logs in over HTTP and returns the bearer header for supertest's `.set()`. */
  login(username: string, password?: string): Promise<{ Authorization: string }>;
  close(): Promise<void>;
}

export const TEST_PASSWORD = 'correct horse battery staple';

/** Starts the real API (same factory as main.ts) on the test database. */
export async function startApi(env: Record<string, string> = {}): Promise<ApiHarness> {
  // Only the suites that ask for them run on the shared test clock or in demo mode.
  delete process.env.TEST_CLOCK;
  delete process.env.DEMO_MODE;
  Object.assign(process.env, { DATABASE_URL: testDatabaseUrl(), LOG_LEVEL: 'error', ...env });
  const app = await createApiApp();
  await app.init();
  const http = app.getHttpServer();
  return {
    app,
    http,
    dataSource: app.get<DataSource>(getDataSourceToken()),
    async login(username, password = TEST_PASSWORD) {
      const response = await request(http).post('/api/auth/login').send({ username, password });
      if (response.status !== 200) throw new Error(`login ${username} failed: ${response.status}`);
      return { Authorization: `Bearer ${response.body.token}` };
    },
    close: () => app.close(),
  };
}
