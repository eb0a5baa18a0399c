import { INestApplication, LogLevel, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { json } from 'express';
import { HttpExceptionFilter, ValidationFailedException } from '@koers/errors';
import { STRICT_VALIDATION, assertJsonDepth, reviveJsonBody, toValidationDetails } from '@koers/validation';
import { KOERS_CONFIG, type KoersConfig } from '@koers/config';
import { AppModule } from './app.module';
import { securityHeaders } from './security-headers';
import { serveWebApp } from './web-app';

const LEVELS: Record<string, LogLevel[]> = {
  error: ['error', 'fatal'],
  warn: ['error', 'fatal', 'warn'],
  log: ['error', 'fatal', 'warn', 'log'],
  debug: ['error', 'fatal', 'warn', 'log', 'debug'],
};

/** Builds the API application (used by main.ts and by the end-to-end tests, so both run the same app). */
export async function createApiApp(): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register(process.env), {
    logger: LEVELS[process.env.LOG_LEVEL ?? 'log'] ?? LEVELS.log,
    bodyParser: false,
  });
  // Before the body parser, so its refusals (400, 413) carry the headers too.
  app.use(securityHeaders);
  // The client address that login throttling counts: the socket's, or with TRUST_PROXY the proxy's X-Forwarded-For.
  app.set('trust proxy', app.get<KoersConfig>(KOERS_CONFIG).trustProxy);
  app.use(
    json({
      limit: '100kb',
      verify: (_request, _response, raw) => assertJsonDepth(raw),
      reviver: reviveJsonBody,
    }),
  );
  app.setGlobalPrefix('api');
  app.disable('x-powered-by');
  // Client data is never cached, so ETags buy nothing and cost a hash of every response body.
  app.set('etag', false);
  serveWebApp(app, app.get<KoersConfig>(KOERS_CONFIG).webDistDir);
  app.useGlobalPipes(
    new ValidationPipe({
      ...STRICT_VALIDATION,
      transform: true,
      exceptionFactory: (errors) => new ValidationFailedException(toValidationDetails(errors)),
    }),
  );
  app.useGlobalFilters(new HttpExceptionFilter());
  app.enableShutdownHooks();

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Koers API')
      .setDescription('Client trajectories of the casusoverleg (Gemeentelijke Aanpak Middelenproblematiek)')
      .setVersion('0.1.0')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs/openapi.json' });
  return app;
}
