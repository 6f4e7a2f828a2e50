import { afterAll, beforeAll } from 'vitest';
import { freshPgSchema, type PgSchema } from '../../support/servers.js';

/**
 * A fresh schema for one test file, with `statements` run in it first; dropped after the file.
 * Call inside the file's `describeOnServer('postgres', …)` block.
 */
export function pgSchemaForFile(statements: readonly string[]): () => PgSchema {
  let schema: PgSchema | undefined;
  beforeAll(async () => {
    schema = await freshPgSchema();
    await schema.exec(statements);
  });
  afterAll(async () => {
    await schema?.drop();
  });
  return () => {
    if (schema === undefined) throw new Error('the schema is made in beforeAll');
    return schema;
  };
}
