import type { CompiledMachine } from './compiled-machine.js';
import type { RegisteredHandler } from './handlers.js';
import type { HistoryEntry } from './history.js';
import type { ORMAdapter, Row } from './orm-adapter.js';
import type { TimerFiring } from './timer-types.js';

/*
 * Types only, at the bottom of the runtime's core: the workflow (workflow.ts) owns one
 * `WorkflowState` and hands it to the transition steps, which read and change it; neither side
 * imports the other's code through this module.
 */

/** A workflow's rows, by model name. */
export type InstanceTable = Record<string, Row>;

/** What a workflow starts with, inside its transaction (`run` and `load` build it). */
export interface WorkflowStart {
  readonly state: string | null;
  readonly values: Record<string, unknown>;
  readonly instances: InstanceTable;
  /**
   * Rows that came from outside the transaction, as the caller passed them: each is re-read
   * before the workflow first writes it (or compared by version).
   */
  readonly outsideRows: ReadonlyMap<string, Readonly<Record<string, unknown>>>;
  /** Models a loaded workflow looked for through `linkedBy` and found none of. */
  readonly absent: Iterable<string>;
}

/** An afterCommit handler queued by a transition, with the rows as that transition left them. */
export interface PendingAfterCommit {
  readonly handler: RegisteredHandler;
  readonly instances: Record<string, Row>;
  readonly from: string | null;
  readonly to: string;
  /** Set when a durable timer fired the transition (`meta.timer`). */
  readonly timer: TimerFiring | undefined;
}

/**
 * Where one workflow is and what it holds: the data its transitions read and change. A failed
 * transition puts back what it changed (workflow-save.ts saves and restores it).
 */
export interface WorkflowState {
  readonly machine: string;
  readonly compiled: CompiledMachine;
  /** The workflow's transaction. */
  readonly adapter: ORMAdapter;
  /** Began in a state read from the database (`load`), not fresh (`run`). */
  readonly loaded: boolean;
  /** The context object handlers get (context-object.ts). */
  readonly context: Record<string, unknown>;
  /** The read-only view of `context` validators get, made on first use. */
  contextView: Record<string, unknown> | undefined;
  state: string | null;
  instanceTable: InstanceTable;
  /** Models whose row came from outside and has not been checked against the database yet. */
  readonly unverified: Set<string>;
  readonly outsideRows: ReadonlyMap<string, Readonly<Record<string, unknown>>>;
  readonly absent: ReadonlySet<string>;
  readonly historyEntries: HistoryEntry[];
  readonly pendingAfterCommit: PendingAfterCommit[];
}
