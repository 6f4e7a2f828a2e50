/**
 * The databases every conformance and contract test runs on, one fixture per adapter and driver.
 *
 *   key             adapter and driver                                 needs
 *   memory          MemoryAdapter                                      —
 *   sqlite          SqliteAdapter on a better-sqlite3 file             —
 *   pg              PgAdapter on a node-postgres pool                  PostgreSQL (DATABASE_URL)
 *   kysely-pg       KyselyAdapter, PostgresDialect (node-postgres)     PostgreSQL
 *   kysely-sqlite   KyselyAdapter, SqliteDialect (better-sqlite3 file) —
 *   kysely-mysql    KyselyAdapter, MysqlDialect (mysql2)               MySQL/MariaDB (MYSQL_URL)
 *   drizzle-pg      DrizzleAdapter on node-postgres                    PostgreSQL
 *   drizzle-sqlite  DrizzleAdapter on better-sqlite3 (a file)          —
 *   transactional-sqlite  TransactionalAdapter, a driver on one better-sqlite3 connection  —
 *   transactional-pg      TransactionalAdapter, a driver on one node-postgres client  PostgreSQL
 *
 * SMF_ADAPTERS=pg,kysely-mysql (keys, comma-separated) runs the suites on those fixtures only:
 *   SMF_ADAPTERS=kysely-mysql npx vitest run tests/conformance tests/runtime/contract
 * Unset, every fixture runs. A fixture whose server did not answer the probe before the run is
 * skipped (tests/support/servers.ts; with SMF_REQUIRE_SERVERS=1 the run fails instead).
 *
 * Each fixture makes the contract tables (contract-schema.ts) in a schema, database or file of its
 * own — a new file (or MemoryAdapter) per test; on a server, one schema / database per test file
 * and fixture, emptied for each test and dropped after the file — with the adapter keeping the
 * transition log; `rows` and `transitionLog` read through a connection of their own. Fixture
 * modules are imported only when a test opens one, so a fixture whose adapter is not written yet
 * fails its own tests, saying so, and no other.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, onTestFinished } from 'vitest';
import { serverAvailable, type Server } from '../support/servers.js';
import type { ConformanceDatabase, FixtureSession } from './databases/conformance-database.js';

export type { ConformanceDatabase, LoggedStep } from './databases/conformance-database.js';

export interface AdapterFixture {
  /** What SMF_ADAPTERS names it by. */
  readonly key: string;
  /** What test titles call it. */
  readonly name: string;
  readonly server?: Server;
  /** The adapter's source, which may not have landed yet. */
  readonly adapterFile: string;
  /** Imports the fixture's module (and with it the adapter) and starts a session of it. */
  readonly session: () => Promise<FixtureSession>;
}

const entry = (
  key: string,
  name: string,
  adapterFile: string,
  session: () => Promise<FixtureSession>,
  server?: Server,
): AdapterFixture => ({ key, name, adapterFile, session, ...(server && { server }) });

export const ADAPTER_FIXTURES: readonly AdapterFixture[] = [
  entry('memory', 'MemoryAdapter', 'runtime/adapters/memory.ts', async () =>
    (await import('./databases/memory.js')).memorySession(),
  ),
  entry('sqlite', 'SqliteAdapter (a SQLite file)', 'runtime/adapters/sqlite.ts', async () =>
    (await import('./databases/sqlite.js')).sqliteSession(),
  ),
  entry(
    'pg',
    'PgAdapter (PostgreSQL)',
    'runtime/adapters/pg.ts',
    async () => (await import('./databases/pg.js')).pgSession(),
    'postgres',
  ),
  entry(
    'kysely-pg',
    'KyselyAdapter (PostgreSQL)',
    'runtime/adapters/kysely.ts',
    async () => (await import('./databases/kysely.js')).kyselyPgSession(),
    'postgres',
  ),
  entry('kysely-sqlite', 'KyselyAdapter (SQLite)', 'runtime/adapters/kysely.ts', async () =>
    (await import('./databases/kysely.js')).kyselySqliteSession(),
  ),
  entry(
    'kysely-mysql',
    'KyselyAdapter (MySQL/MariaDB)',
    'runtime/adapters/kysely.ts',
    async () => (await import('./databases/kysely.js')).kyselyMysqlSession(),
    'mysql',
  ),
  entry(
    'drizzle-pg',
    'DrizzleAdapter (node-postgres)',
    'runtime/adapters/drizzle.ts',
    async () => (await import('./databases/drizzle.js')).drizzlePgSession(),
    'postgres',
  ),
  entry(
    'drizzle-sqlite',
    'DrizzleAdapter (better-sqlite3)',
    'runtime/adapters/drizzle.ts',
    async () => (await import('./databases/drizzle.js')).drizzleSqliteSession(),
  ),
  entry(
    'transactional-sqlite',
    'TransactionalAdapter (a driver on better-sqlite3)',
    'runtime/adapters/transactional.ts',
    async () => (await import('./databases/transactional.js')).transactionalSqliteSession(),
  ),
  entry(
    'transactional-pg',
    'TransactionalAdapter (a driver on node-postgres)',
    'runtime/adapters/transactional.ts',
    async () => (await import('./databases/transactional.js')).transactionalPgSession(),
    'postgres',
  ),
];

/** The fixtures SMF_ADAPTERS selects (all when unset); an unknown key fails the run. */
export function selectedFixtures(): readonly AdapterFixture[] {
  const wanted = (process.env['SMF_ADAPTERS'] ?? '')
    .split(',')
    .map((key) => key.trim())
    .filter((key) => key !== '');
  if (wanted.length === 0) return ADAPTER_FIXTURES;
  const known = new Set(ADAPTER_FIXTURES.map((f) => f.key));
  const unknown = wanted.filter((key) => !known.has(key));
  if (unknown.length > 0) {
    throw new Error(
      `SMF_ADAPTERS names no fixture ${unknown.join(', ')}; known: ${[...known].join(', ')}`,
    );
  }
  return ADAPTER_FIXTURES.filter((f) => wanted.includes(f.key));
}

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The fixture's session; a fixture whose adapter file is missing fails, saying so. */
async function startSession(fixture: AdapterFixture): Promise<FixtureSession> {
  try {
    return await fixture.session();
  } catch (error) {
    if (!existsSync(`${ROOT}${fixture.adapterFile}`)) {
      throw new Error(
        `${fixture.name}: ${fixture.adapterFile} is not in the tree yet, so this fixture cannot run`,
        { cause: error },
      );
    }
    throw error;
  }
}

/**
 * `describe(title, …)` once per selected fixture (`%s` in the title is its name), skipped when the
 * fixture's server is not reachable. `open()` gives the running test a database with empty tables,
 * closed when the test ends (one open database at a time: a server fixture empties its tables for
 * the next); the fixture's schema, database or files go after the block's last test.
 */
export function describeEachDatabase(
  title: string,
  body: (name: string, open: () => Promise<ConformanceDatabase>) => void,
): void {
  for (const fixture of selectedFixtures()) {
    const unreachable = fixture.server !== undefined && !serverAvailable(fixture.server);
    const named = title.replace('%s', fixture.name);
    describe.skipIf(unreachable)(`${named}`, () => {
      let session: Promise<FixtureSession> | undefined;
      afterAll(async () => {
        const started = await session?.catch(() => undefined);
        await started?.close();
      });
      body(fixture.name, async () => {
        const db = await (session ??= startSession(fixture)).then((s) => s.open());
        onTestFinished(() => db.close());
        return db;
      });
    });
  }
}
