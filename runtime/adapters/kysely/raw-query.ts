import type { CompiledQuery, QueryResult } from 'kysely';

/** What runs a compiled query: a `Kysely`, a `Transaction` or a connection-bound `Kysely`. */
export interface QueryRunner {
  executeQuery<R>(query: CompiledQuery<R>): Promise<QueryResult<R>>;
}

/**
 * A statement as Kysely's `CompiledQuery.raw` builds it, made here so the runtime needs no value
 * import from kysely (it stays an optional peer dependency, used only through the instance the
 * application passes in).
 */
export function rawQuery<R = Record<string, unknown>>(
  sql: string,
  parameters: readonly unknown[] = [],
): CompiledQuery<R> {
  return {
    sql,
    parameters,
    query: { kind: 'RawNode', sqlFragments: [sql], parameters: [] },
    queryId: { queryId: 'smf' },
  } as unknown as CompiledQuery<R>;
}

export function execute<R = Record<string, unknown>>(
  runner: QueryRunner,
  sql: string,
  parameters: readonly unknown[] = [],
): Promise<QueryResult<R>> {
  return runner.executeQuery(rawQuery<R>(sql, parameters));
}
