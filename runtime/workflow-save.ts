import type { Row } from './orm-adapter.js';
import { restoreContext, snapshotContext, type ContextSnapshot } from './context-snapshot.js';
import { deepCopy } from './deep-copy.js';
import type { InstanceTable, WorkflowState } from './workflow-state.js';

/** A workflow's state as a transition found it. */
export interface SavedWorkflow {
  readonly state: string | null;
  readonly instances: InstanceTable;
  readonly unverified: readonly string[];
  readonly context: ContextSnapshot | undefined;
  readonly history: number;
  readonly pending: number;
}

const NONE_UNVERIFIED: readonly string[] = Object.freeze([]);

function copyInstances(instances: InstanceTable, deep: boolean): InstanceTable {
  const copy: InstanceTable = {};
  for (const model of Object.keys(instances)) {
    const row = instances[model] as Row;
    copy[model] = deep ? deepCopy(row) : row;
  }
  return copy;
}

/**
 * What a failed transition must put back. The write step replaces rows rather than changing them,
 * so rows are deep-copied only when a handler that may change them in place will run. Even rows
 * the write is about to replace are copied before hooks run: the old row object may be held
 * elsewhere (in the context, by the caller, by an adapter that maps identities) and changed there.
 */
export function saveWorkflow(wf: WorkflowState, deep: boolean): SavedWorkflow {
  return {
    state: wf.state,
    instances: copyInstances(wf.instanceTable, deep),
    unverified: wf.unverified.size === 0 ? NONE_UNVERIFIED : [...wf.unverified],
    context: deep ? snapshotContext(wf.context, wf.compiled.instanceKeys) : undefined,
    history: wf.historyEntries.length,
    pending: wf.pendingAfterCommit.length,
  };
}

/** Puts back what a failed transition or a dry run changed. */
export function restoreWorkflow(wf: WorkflowState, saved: SavedWorkflow): void {
  wf.state = saved.state;
  wf.instanceTable = saved.instances;
  if (wf.unverified.size > 0 || saved.unverified.length > 0) {
    wf.unverified.clear();
    for (const model of saved.unverified) wf.unverified.add(model);
  }
  if (saved.context) restoreContext(wf.context, saved.context);
  wf.historyEntries.length = saved.history;
  wf.pendingAfterCommit.length = saved.pending;
}
