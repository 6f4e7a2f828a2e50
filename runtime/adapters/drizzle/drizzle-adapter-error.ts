import { StateMachineError } from '../../errors.js';

/**
 * A problem the Drizzle adapter found before or instead of the database: an unknown model or
 * field, a database it does not support, a handle used after its transaction ended.
 */
export class DrizzleAdapterError extends StateMachineError {
  constructor(message: string, cause?: unknown) {
    super(`DrizzleAdapter: ${message}`, cause === undefined ? {} : { cause });
  }
}
