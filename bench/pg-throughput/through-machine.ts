import type { ORMAdapter } from 'state-machine-framework';
import { OrderMachine } from './order.machine.gen.js';
import { lifecycleId, loadRowId, type Workload, type WorkflowRun } from './workloads.js';

/** Contended loads run again on a conflict, as users are told to (`load({ retry })`). */
const CONTENDED_RETRY = { attempts: 50, backoffMs: 1 } as const;

/** The workload's workflows through the runtime, on whichever adapter. */
export function throughMachine(
  adapter: ORMAdapter,
  workload: Workload,
  rowsPerClient: number,
): WorkflowRun {
  if (workload === 'lifecycle') {
    return (client, n) =>
      OrderMachine.run({ adapter, context: {} }, async (wf) => {
        const pending = await wf.transitionTo('Pending', {
          Order: { id: lifecycleId(client, n), amount: 10 },
        });
        const processing = await pending.transitionTo('Processing');
        await processing.transitionTo('Completed');
      });
  }
  const retry = workload === 'contended' ? { retry: CONTENDED_RETRY } : {};
  return (client, n) =>
    OrderMachine.load(
      { adapter, id: loadRowId(workload, client, n, rowsPerClient), context: {}, ...retry },
      async (wf) => {
        if (wf.is('Processing')) {
          await wf.transitionTo('OnHold', { Order: { loads: wf.instances.Order.loads + 1 } });
        } else if (wf.is('OnHold')) {
          await wf.transitionTo('Processing', { Order: { loads: wf.instances.Order.loads + 1 } });
        } else {
          throw new Error(`row ${String(wf.instances.Order?.id)} is in state ${wf.state}`);
        }
      },
    );
}
