import type { Pool } from 'pg';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { freshPgSchema, type PgSchema } from '../../support/servers.js';

/**
 * A fresh schema for one test file, with `statements` run in it first; dropped after the file.
 * Pools made through it during a test are ended after that test, so test files running side by
 * side stay well within the server's connections. Call inside the file's
 * `describeOnServer('postgres', …)` block.
 */
export function pgSchemaForFile(statements: readonly string[]): () => PgSchema {
  let schema: PgSchema | undefined;
  beforeAll(async () => {
    schema = await freshPgSchema();
    await schema.exec(statements);
  });
  const opened: Pool[] = [];
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((pool) => pool.end().catch(() => undefined)));
  });
  afterAll(async () => {
    await schema?.drop();
  });
  return () => {
    if (schema === undefined) throw new Error('the schema is made in beforeAll');
    const made = schema;
    return {
      ...made,
      pool(options) {
        const pool = made.pool(options);
        opened.push(pool);
        return pool;
      },
    };
  };
}
