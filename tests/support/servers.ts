// Server databases for tests. PostgreSQL at DATABASE_URL (default
// postgres://postgres@127.0.0.1:5432/test) and MySQL/MariaDB at MYSQL_URL (default
// mysql://root@127.0.0.1:3306/test). servers-global-setup.ts asks each once per run; a server that
// does not answer makes its tests skip (one line says so for the whole run), unless
// SMF_REQUIRE_SERVERS=1 (CI), where it fails the run. Tests isolate themselves: freshPgSchema() and
// freshMysqlDatabase() give a schema / database of their own, dropped afterwards.
import { describe, inject } from 'vitest';
import type { ServerStatus } from './server-status.js';
import type { Server } from './server-urls.js';

export { DATABASE_URL, MYSQL_URL, SERVER_NAMES, type Server } from './server-urls.js';
export { freshPgSchema, type PgSchema } from './fresh-pg-schema.js';
export { freshMysqlDatabase, type MysqlDatabase } from './fresh-mysql-database.js';

/** Whether the server answered the probe before this run. */
export function serverAvailable(server: Server): boolean {
  // Undefined when the config that ran this file has no probe: then nothing is known to answer.
  const status = inject('smfServers') as ServerStatus | undefined;
  return status?.[server] ?? false;
}

/** `describe(title, body)`, its tests skipped when `server` is not reachable. */
export function describeOnServer(server: Server, title: string, body: () => void): void {
  describe.skipIf(!serverAvailable(server))(`${title}`, () => {
    body();
  });
}
