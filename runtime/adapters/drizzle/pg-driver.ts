import { lockTimeoutLimit } from '../lock-timeout.js';
import { SerialQueue } from '../serial-queue.js';
import type { ConnectionDriver } from './connection-driver.js';

interface PgTransactional {
  readonly $client?: unknown;
  transaction<R>(fn: (tx: object) => Promise<R>): Promise<R>;
}

/**
 * Postgres: Drizzle's `db.transaction` (BEGIN … COMMIT, ROLLBACK when the callback throws) on a
 * connection of its own from a pool, so transactions run side by side. On a single pg Client
 * Drizzle would interleave them on that one connection, so they take turns instead.
 */
export class PgDriver implements ConnectionDriver {
  readonly #db: PgTransactional;
  readonly #queue: SerialQueue | undefined;

  constructor(db: object, busyTimeout: number) {
    this.#db = db as PgTransactional;
    this.#queue = isPool(this.#db.$client)
      ? undefined
      : new SerialQueue(lockTimeoutLimit('DrizzleAdapter', busyTimeout));
  }

  outermost<R>(fn: (tx: object) => Promise<R>): Promise<R> {
    return this.#db.transaction(fn);
  }

  turn<R>(job: () => Promise<R>): Promise<R> {
    return this.#queue === undefined ? job() : this.#queue.run(job);
  }

  transactionOpen(): boolean {
    return true;
  }
}

/** As Drizzle's node-postgres session tells a pool from a client. */
function isPool(client: unknown): boolean {
  if (typeof client !== 'object' || client === null) return true;
  const name = (Object.getPrototypeOf(client) as { constructor?: { name?: string } } | null)
    ?.constructor?.name;
  return name === undefined || name.includes('Pool');
}
