import type { ORMAdapter, RowOperations } from '../../orm-adapter.js';
import type { TimerOperations } from '../../timer-operations.js';

/**
 * What `TransactionalAdapter` drives: the row operations on one connection plus
 * begin/commit/rollback. `get` and `filter` are passed no read options: one connection runs one
 * transaction at a time, so there is nothing to lock against. Savepoint methods are optional;
 * without them a nested transaction is rejected rather than silently flattened. The durable-timer
 * operations are optional too, all or none (`SqlTimers` writes them for a SQL connection); the
 * adapter and its handles offer them when the driver does, run in the driver's current transaction.
 */
export interface TransactionDriver
  extends
    RowOperations,
    Pick<ORMAdapter, 'recordTransition' | 'readTransitions' | 'findPage' | 'countGrouped'>,
    Partial<TimerOperations> {
  begin(): Promise<void>;
  commit(): Promise<void>;
  rollback(): Promise<void>;
  savepoint?(name: string): Promise<void>;
  releaseSavepoint?(name: string): Promise<void>;
  rollbackToSavepoint?(name: string): Promise<void>;
}
