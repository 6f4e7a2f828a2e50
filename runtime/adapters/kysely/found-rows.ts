import type { QueryResult } from 'kysely';
import { KyselyAdapterError } from './kysely-adapter-error.js';
import { execute, type QueryRunner } from './raw-query.js';

const PROBE = 'smf_found_rows_probe';

/**
 * MySQL reports an UPDATE's *changed* rows unless the client asked for *matched* ones (the
 * FOUND_ROWS flag, which mysql2 sets by default). A compare-and-set whose write happens to set
 * the values a row already holds would then look like a miss. The first update whose result
 * cannot tell (as many rows affected as changed) checks the connection once, with a same-value
 * UPDATE of a temporary table on that connection; a pool without the flag is refused.
 */
export class FoundRowsCheck {
  #known: boolean | undefined;

  async assertMatchedRows(runner: QueryRunner, result: QueryResult<unknown>): Promise<void> {
    if (this.#known === undefined) {
      const { numAffectedRows: affected, numChangedRows: changed } = result;
      if (affected !== undefined && changed !== undefined && affected > changed) {
        this.#known = true;
      } else {
        this.#known = await probe(runner);
      }
    }
    if (!this.#known) {
      throw new KyselyAdapterError(
        "this MySQL pool's connections report changed rows rather than matched rows (the mysql2 FOUND_ROWS flag is off), so a compare-and-set that rewrites equal values would look like a concurrent change; create the pool without '-FOUND_ROWS' in its flags",
      );
    }
  }
}

/** On the connection `runner` holds (a transaction's): does a same-value UPDATE count its row? */
async function probe(runner: QueryRunner): Promise<boolean> {
  await execute(runner, `CREATE TEMPORARY TABLE IF NOT EXISTS ${PROBE} (x INT)`);
  try {
    await execute(runner, `INSERT INTO ${PROBE} VALUES (1)`);
    const result = await execute(runner, `UPDATE ${PROBE} SET x = 1`);
    return result.numAffectedRows === 1n;
  } finally {
    await execute(runner, `DROP TEMPORARY TABLE ${PROBE}`);
  }
}
