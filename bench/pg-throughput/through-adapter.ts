import type { ORMAdapter, Row } from 'state-machine-framework';
import { FLIP, MACHINE_NAME } from './logged-names.js';
import {
  lifecycleId,
  loadRowId,
  retrying,
  RowChanged,
  type Workload,
  type WorkflowRun,
} from './workloads.js';

/** A compare-and-set update of the row from the state in `from`. */
async function move(tx: ORMAdapter, id: string, from: Row, changes: Row): Promise<void> {
  const count = await tx.update('Order', { id, ...from }, changes);
  if (count !== 1) throw new RowChanged('the row changed concurrently');
}

/**
 * The workload on an adapter used directly, without the runtime: the calls `Machine.run`/`load`
 * make of it (a transaction, a savepoint per transition, create / compare-and-set update / locked
 * get, the log entry), so the runtime's share of the cost can be told from the adapter's.
 */
export function throughAdapter(
  adapter: ORMAdapter,
  workload: Workload,
  rowsPerClient: number,
): WorkflowRun {
  const logged = adapter.recordTransition !== undefined;
  const log = async (tx: ORMAdapter, id: string, from: string | null, to: string) => {
    if (!logged) return;
    const entry = { machine: MACHINE_NAME, entityId: id, from, to, at: new Date() };
    await tx.recordTransition?.({ ...entry, results: {}, metadata: {} });
  };

  if (workload === 'lifecycle') {
    return (client, n) => {
      const id = lifecycleId(client, n);
      return adapter.transaction(async (tx) => {
        await tx.transaction(async (sp) => {
          await sp.create('Order', { id, amount: 10, status: 'pending' });
          await log(sp, id, null, 'Pending');
        });
        await tx.transaction(async (sp) => {
          await move(sp, id, { status: 'pending' }, { status: 'processing' });
          await log(sp, id, 'Pending', 'Processing');
        });
        await tx.transaction(async (sp) => {
          await move(sp, id, { status: 'processing' }, { status: 'completed' });
          await log(sp, id, 'Processing', 'Completed');
        });
      });
    };
  }
  const once = (id: string) =>
    adapter.transaction(async (tx) => {
      const row = await tx.get('Order', { id }, { lock: 'wait' });
      const status = row['status'];
      if (status !== 'processing' && status !== 'on_hold') throw new Error(`${id} is ${status}`);
      const flip = FLIP[status];
      await tx.transaction(async (sp) => {
        const loads = Number(row['loads']) + 1;
        await move(sp, id, { status }, { loads, status: flip.status });
        await log(sp, id, flip.from, flip.to);
      });
    });
  return (client, n) =>
    retrying(workload, () => once(loadRowId(workload, client, n, rowsPerClient)));
}
