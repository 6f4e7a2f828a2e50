import { lastResult, type PgPoolClient, type PgResult } from './driver-types.js';
import { PIN_SETTINGS } from './pinned-settings.js';
import type { SqlStatement } from './sql-text.js';
import { typeParsersFor } from './type-parsers.js';

/**
 * One statement in autocommit with the pinned settings (`pinned-settings.ts`): `SET LOCAL …;
 * <statement>` in one simple query, its values as literals. Postgres runs the statements of one
 * simple query as one implicit transaction, so the settings hold for the statement and end with
 * it. A statement whose values cannot be literals goes with `$n` parameters: alone when its rows
 * hold nothing the settings shape, else between BEGIN (with the settings) and COMMIT.
 */
export async function runAutocommit(
  client: PgPoolClient,
  statement: SqlStatement,
): Promise<PgResult> {
  const types = typeParsersFor(client);
  const inline = statement.withLiterals();
  if (inline !== undefined) {
    return lastResult(await client.query({ text: `${PIN_SETTINGS}; ${inline}`, types }));
  }
  const query = { text: statement.withPlaceholders(), values: statement.values, types };
  if (!statement.readsPinnedValues) return lastResult(await client.query(query));
  await client.query({ text: `BEGIN; ${PIN_SETTINGS}` });
  try {
    const result = lastResult(await client.query(query));
    await client.query({ text: 'COMMIT' });
    return result;
  } catch (error) {
    await client.query({ text: 'ROLLBACK' }).catch(() => undefined);
    throw error;
  }
}
