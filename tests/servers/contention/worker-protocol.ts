/** What the contention harness and its worker processes share: the factory and the messages. */
import type { ORMAdapter } from 'state-machine-framework';
import type { RunOptions, WorkflowOutcome } from './tally-workflows.js';

export interface AdapterFactory {
  /** A fresh schema (or database) holding contention-tables.ts's tables; returns its name. */
  createSchema(url: string): Promise<string>;
  dropSchema(url: string, schema: string): Promise<void>;
  /**
   * An adapter on `schema` with the transition log on and every wait bounded (a lock wait
   * must end in a `DatabaseConflictError`, never hang). Called in the parent and in each worker.
   */
  openAdapter(url: string, schema: string): Promise<ORMAdapter>;
  closeAdapter(adapter: ORMAdapter): Promise<void>;
}

export interface WorkerTask {
  readonly factory: string;
  readonly url: string;
  readonly schema: string;
  readonly worker: number;
  readonly workflows: number;
  readonly tallies: readonly string[];
  readonly options: RunOptions;
}

export type WorkerMessage = { readonly outcomes: readonly WorkflowOutcome[] };
