import type { Pool } from 'pg';
import { lastResult, type PgPoolClient } from 'state-machine-framework/adapters/pg/driver-types';
import { PgRows } from 'state-machine-framework/adapters/pg/row-operations';
import { SchemaCache, type RunStatement } from 'state-machine-framework/adapters/pg/table-schema';
import { PgTransitionLog } from 'state-machine-framework/adapters/pg/transition-log';
import { typeParsersFor } from 'state-machine-framework/adapters/pg/type-parsers';
import type { TransactionDriver } from 'state-machine-framework/adapters/transactional';
import { SqlTimers, sqlTimerOperations } from 'state-machine-framework/adapters/sql/timer-sql';

/**
 * A driver a user could hand TransactionalAdapter: one node-postgres connection, BEGIN … COMMIT
 * and SAVEPOINT / RELEASE / ROLLBACK TO run as they are asked for, outside a transaction each
 * statement on its own. Its rows go through PgAdapter's row operations and transition log (the
 * settings they read values by set once for the connection), so values read back as every
 * fixture's do and what the suite checks is TransactionalAdapter's transactions.
 */
export async function pgTransactionDriver(
  pool: Pool,
  tables: Readonly<Record<string, string>>,
): Promise<{ driver: TransactionDriver; release(): void }> {
  const client = (await pool.connect()) as unknown as PgPoolClient;
  await client.query({ text: 'SET DateStyle = ISO; SET extra_float_digits = 1' });
  const types = typeParsersFor(client);
  const run: RunStatement = async (statement) =>
    lastResult(
      await client.query({ text: statement.withPlaceholders(), values: statement.values, types }),
    );
  const exec = async (text: string) => lastResult(await client.query({ text }));
  const rows = new PgRows(
    new SchemaCache((model) => (Object.hasOwn(tables, model) ? tables[model] : model)!),
  );
  const log = new PgTransitionLog();
  const driver: TransactionDriver = {
    create: (model, data) => rows.create(run, model, data),
    get: (model, filters) => rows.get(run, model, filters),
    filter: (model, filters) => rows.filter(run, model, filters),
    update: (model, filters, changes) => rows.update(run, model, filters, changes),
    delete: (model, filters) => rows.delete(run, model, filters),
    recordTransition: (entry) => log.record(run, entry),
    readTransitions: (machine, entityId) => log.read(run, machine, entityId),
    ...sqlTimerOperations(new SqlTimers('postgres'), async (text, values) => {
      const result = lastResult(await client.query({ text, values: [...values] }));
      return { rows: result.rows, affected: result.rowCount ?? 0 };
    }),
    begin: async () => void (await exec('BEGIN')),
    async commit() {
      // PostgreSQL answers COMMIT of a transaction an error aborted by rolling it back.
      if ((await exec('COMMIT')).command === 'ROLLBACK') {
        throw new Error('COMMIT rolled the transaction back: a statement in it had failed');
      }
    },
    rollback: async () => void (await exec('ROLLBACK')),
    savepoint: async (name) => void (await exec(`SAVEPOINT ${name}`)),
    releaseSavepoint: async (name) => void (await exec(`RELEASE SAVEPOINT ${name}`)),
    rollbackToSavepoint: async (name) => void (await exec(`ROLLBACK TO SAVEPOINT ${name}`)),
  };
  return { driver, release: () => client.release() };
}
