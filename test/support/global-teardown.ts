/** jest globalTeardown: stop the embedded PostgreSQL, if global-setup.ts started one. */
import type { EmbeddedPostgresHandle } from '../../libs/embedded-db/src/embedded-postgres';
import { EMBEDDED_HANDLE } from './global-setup';

export default async function globalTeardown(): Promise<void> {
  const globals = globalThis as typeof globalThis & { [EMBEDDED_HANDLE]?: EmbeddedPostgresHandle };
  await globals[EMBEDDED_HANDLE]?.stop();
  delete globals[EMBEDDED_HANDLE];
}
