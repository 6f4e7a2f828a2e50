import { StateMachineError } from '../../errors.js';

/**
 * Something the MemoryAdapter refuses before touching its tables: a value it cannot copy, data
 * that is not a plain object, an undefined filter, several rows where `get` needs one, a
 * transaction handle used after its transaction ended.
 */
export class MemoryAdapterError extends StateMachineError {
  constructor(message: string, cause?: unknown) {
    super(`MemoryAdapter: ${message}`, cause === undefined ? {} : { cause });
  }
}
