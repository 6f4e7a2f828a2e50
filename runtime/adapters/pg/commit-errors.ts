import { UniqueViolationError } from '../../errors.js';
import type { PgDatabaseError } from './driver-types.js';
import { pgErrorOf } from './driver-types.js';
import { mapPgError } from './error-mapping.js';
import { PgAdapterError } from './pg-adapter-error.js';
import type { StatementSubject } from './sql-text.js';

/** The statement error that left a transaction aborted, and what the statement worked on. */
export interface Failure {
  readonly subject: StatementSubject | undefined;
  readonly error: PgDatabaseError;
}

/**
 * Why COMMIT failed, as a typed error. A transaction an earlier (caught) error aborted is rolled
 * back by Postgres instead of committed (COMMIT answers ROLLBACK, or what rode with it fails with
 * 25P02): the error names that earlier statement's model and message. Anything else (a deferred
 * constraint checked at COMMIT) is mapped as a statement's error would be, its model told by the
 * table the server names, among those the transaction's statements worked on (`models`: table as
 * `tables` names it → model); else the table itself names it.
 */
export function commitError(
  error: unknown,
  failure: Failure | undefined,
  models: ReadonlyMap<string, string>,
): unknown {
  const pg = pgErrorOf(error);
  if (error === undefined || pg?.code === '25P02') return abortedAtCommit(failure, error);
  if (pg === undefined) return error;
  const model = modelOf(pg, models) ?? pg.table ?? '';
  const mapped = mapPgError(error, { model });
  // Without a model, UniqueViolationError's message would begin with the empty slot.
  if (model === '' && mapped instanceof UniqueViolationError) {
    mapped.message = mapped.message.trimStart();
  }
  return mapped;
}

function abortedAtCommit(failure: Failure | undefined, cause: unknown): PgAdapterError {
  const statement =
    failure === undefined
      ? 'a statement in it failed'
      : `a statement${failure.subject === undefined ? '' : ` on ${failure.subject.model}`} failed (${failure.error.message})`;
  return new PgAdapterError(
    `the transaction could not commit: ${statement}, and its error was caught without rolling back to a savepoint, so Postgres rolled the whole transaction back`,
    failure?.error ?? cause,
  );
}

function modelOf(pg: PgDatabaseError, models: ReadonlyMap<string, string>): string | undefined {
  if (pg.table === undefined) return undefined;
  return (
    (pg.schema === undefined ? undefined : models.get(`${pg.schema}.${pg.table}`)) ??
    models.get(pg.table)
  );
}
