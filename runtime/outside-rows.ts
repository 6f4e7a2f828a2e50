import type { ReadOptions, Row } from './orm-adapter.js';
import { modelConfigOf } from './compiled-machine.js';
import { ConcurrentTransitionError, ObjectNotFound } from './errors.js';
import { differingFields } from './row-difference.js';
import type { StateWriter } from './state-write.js';
import { isThenable, type Steps } from './step-driver.js';
import type { WorkflowState } from './workflow-state.js';
import { show } from './message-value.js';

const LOCKED: ReadOptions = { lock: 'wait' };

/**
 * Before the workflow first writes a row that came from outside its transaction (an `instanceOf`
 * context entry, `load`'s `instances`), the row is read again inside the transaction. If it no
 * longer holds what the caller passed, someone changed it since the caller read it, and writing
 * on top of it would lose their update: `ConcurrentTransitionError` names the fields. A model with
 * a `versionField` needs no read: its compare-and-set compares the version the caller passed.
 */
export function* verifyOutsideRows(
  wf: WorkflowState,
  db: StateWriter,
  to: string,
  data: Readonly<Record<string, Row>>,
): Steps<void> {
  const target = wf.compiled.config.states[to]?.models ?? {};
  for (const model of wf.unverified) {
    if (!Object.hasOwn(target, model) && !Object.hasOwn(data, model)) continue;
    const config = modelConfigOf(wf.compiled, model);
    wf.unverified.delete(model);
    if (config.versionField !== undefined) continue;
    const held = wf.instanceTable[model];
    const given = wf.outsideRows.get(model);
    if (!held || !given) continue;
    const id = given[config.identifierField];
    let stored: Row;
    try {
      // Locked (on a server database) so nothing changes it between this check and the write.
      const read = db.get(model, { [config.identifierField]: id }, LOCKED);
      stored = isThenable(read) ? ((yield read) as Row) : read;
    } catch (error) {
      if (!(error instanceof ObjectNotFound)) throw error;
      throw new ConcurrentTransitionError(wf.machine, model, id, wf.state, to, undefined, {
        message: 'the row passed in no longer exists',
      });
    }
    const fields = differingFields(given, stored);
    if (fields.length > 0) {
      const changes = fields
        .map((f) => `${f}: passed ${show(given[f])}, stored ${show(stored[f])}`)
        .join('; ');
      throw new ConcurrentTransitionError(wf.machine, model, id, wf.state, to, undefined, {
        message: `the row passed in is stale (${changes}); read it again and retry`,
        fields,
      });
    }
    wf.instanceTable[model] = { ...stored, ...held };
  }
}
