export { createMachine } from './machine.js';
export { transitionEdges } from './transition-edges.js';
export type { Machine } from './machine-interface.js';
export type { RunOptions, LoadOptions } from './workflow-options.js';
export type { StateHandlers, HandlerEntry } from './handler-registration.js';
export type { RetryOptions } from './retry.js';
export type { MachineTypes, TransitionData, Instances } from './machine-types.js';
export type {
  MachineConfig,
  ModelConfig,
  StateConfig,
  StateValue,
  ContextRequirement,
  PrimitiveTypeName,
} from './machine-config.js';
export type {
  Workflow,
  StateWorkflow,
  AnyStateMoves,
  FreshWorkflow,
  TransitionCheck,
} from './workflow-types.js';
export type {
  HandlerMeta,
  AfterCommitMeta,
  TransitionMeta,
  HandlerOptions,
  PreTransitionHandler,
  ValidatorHandler,
  HookHandler,
  AfterCommitHandler,
  TransitionHandler,
  Unregister,
} from './handlers.js';
export type { Register, RegisteredAdapter, TransactionHandleOf } from './adapter-register.js';
export type { HistoryEntry, HistorySummary } from './history.js';
export type { LoggedTransition, HistoryOptions } from './persisted-history.js';
export type { FindOptions, CountByStateOptions, PrimaryRow } from './query-types.js';
export {
  StateMachineError,
  TransitionError,
  TransitionRejectedError,
  HandlerError,
  ContextValidationError,
  ObjectNotFound,
  StateValidityError,
  ConcurrentTransitionError,
  DatabaseConflictError,
  type ConflictReason,
  StaleHandleError,
  UniqueViolationError,
  AdapterReentryError,
  UsageError,
} from './errors.js';
export type { RejectionReason, ContextIssue, HandlerStage } from './errors.js';
export type {
  ORMAdapter,
  RowOperations,
  Row,
  Filters,
  TransitionLogEntry,
  TransitionRecord,
  ReadOptions,
  SyncAdapterOps,
  ModelDescription,
  PageQuery,
} from './orm-adapter.js';
export {
  TransactionalAdapter,
  type TransactionDriver,
  type TransactionalAdapterOptions,
} from './adapters/transactional.js';
export { MemoryAdapter, MemoryAdapterError, type MemoryAdapterOptions } from './adapters/memory.js';
export type { StandardSchemaV1, SchemaInput, SchemaOutput } from './standard-schema.js';
export type {
  TimerOperations,
  TimerSchedule,
  TimerKey,
  StoredTimer,
  ClaimedTimer,
  ClaimOptions,
  TimerFailure,
} from './timer-operations.js';
export type {
  TimerFiring,
  RunDueTimersOptions,
  DueTimersResult,
  FiredTimer,
  FailedTimer,
  DroppedTimer,
  TimerWorkerOptions,
  StopTimerWorker,
} from './timer-types.js';
export {
  DEFAULT_TIMER_TABLE,
  timerTableDdl,
  timerTableStatements,
} from './adapters/sql/timer-table-ddl.js';
