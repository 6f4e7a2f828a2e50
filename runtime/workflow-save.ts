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

/**
 * Which of a transition's handlers may change the rows and context it starts with in place:
 * - `none`: no handler gets them mutable;
 * - `afterWrite`: only hooks, which run once the state write has replaced the rows it writes;
 * - `all`: pre-transition or custom transition handlers, which see the rows as they are (and a
 *   dry run, whose handlers are pre-transition handlers).
 */
export type Exposure = 'none' | 'afterWrite' | 'all';

const NONE_UNVERIFIED: readonly string[] = Object.freeze([]);

/** A row whose values are all primitives: replacing it leaves nothing of it shared. */
function isFlat(row: Row): boolean {
  for (const key in row) {
    const value = row[key];
    if (typeof value === 'object' && value !== null) return false;
  }
  return true;
}

/**
 * The rows a failed transition must put back. The state write replaces a row it writes with a
 * new object rather than changing it, so under `afterWrite` a flat row the write will replace is
 * kept as it is; any other row a handler may change is deep-copied.
 */
function savedInstances(
  wf: WorkflowState,
  exposure: Exposure,
  to: string,
  data: Readonly<Record<string, Row>>,
): InstanceTable {
  const instances = wf.instanceTable;
  const copy: InstanceTable = {};
  const mapped = exposure === 'afterWrite' ? wf.compiled.config.states[to]?.models : undefined;
  for (const model of Object.keys(instances)) {
    const row = instances[model] as Row;
    const replaced =
      exposure === 'none' ||
      (mapped !== undefined &&
        (Object.hasOwn(mapped, model) || Object.hasOwn(data, model)) &&
        isFlat(row));
    copy[model] = replaced ? row : deepCopy(row);
  }
  return copy;
}

/** What a failed transition to `to` with `data` must put back. */
export function saveWorkflow(
  wf: WorkflowState,
  exposure: Exposure,
  to: string,
  data: Readonly<Record<string, Row>>,
): SavedWorkflow {
  return {
    state: wf.state,
    instances: savedInstances(wf, exposure, to, data),
    unverified: wf.unverified.size === 0 ? NONE_UNVERIFIED : [...wf.unverified],
    context:
      exposure === 'none' ? undefined : snapshotContext(wf.context, wf.compiled.instanceKeys),
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
