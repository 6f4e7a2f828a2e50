import type { ORMAdapter, RowOperations } from '../../orm-adapter.js';

/**
 * What `TransactionalAdapter` drives: the row operations on one connection plus
 * begin/commit/rollback. `get` and `filter` are passed no read options: one connection runs one
 * transaction at a time, so there is nothing to lock against. Savepoint methods are optional;
 * without them a nested transaction is rejected rather than silently flattened.
 */
export interface TransactionDriver
  extends
    RowOperations,
    Pick<ORMAdapter, 'recordTransition' | 'readTransitions' | 'findPage' | 'countGrouped'> {
  begin(): Promise<void>;
  commit(): Promise<void>;
  rollback(): Promise<void>;
  savepoint?(name: string): Promise<void>;
  releaseSavepoint?(name: string): Promise<void>;
  rollbackToSavepoint?(name: string): Promise<void>;
}
