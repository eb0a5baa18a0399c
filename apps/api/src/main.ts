import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { loadConfig } from '@koers/config';
import { createApiApp } from './create-api-app';

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createApiApp();
  await app.listen(config.port);
  new Logger('Api').log(`Koers API listening on http://localhost:${config.port}/api (docs: /api/docs)`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
