import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { loadConfig } from '@koers/config';
import { WorkerModule } from './worker.module';

async function main(): Promise<void> {
  loadConfig(); // fail fast with a readable message
  const app = await NestFactory.createApplicationContext(WorkerModule.register(process.env), {
    logger: ['error', 'fatal', 'warn', 'log'],
  });
  app.enableShutdownHooks();
  new Logger('Worker').log(
    'Koers worker started (outbox relay, deadline queue, notification mail, client anonymisation)',
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
