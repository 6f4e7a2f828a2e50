import { StateMachineError } from '../../errors.js';

/**
 * A problem the Kysely adapter found before or instead of the database: an unknown table or
 * column, a value a column cannot hold, more than one row for `get`, a transaction handle used
 * after its transaction ended.
 */
export class KyselyAdapterError extends StateMachineError {
  constructor(message: string, cause?: unknown) {
    super(`KyselyAdapter: ${message}`, cause === undefined ? {} : { cause });
  }
}
