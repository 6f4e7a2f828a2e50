// Type test: handlers see `meta.timer` typed (optional: absent for ordinary transitions, its
// states the machine's), and Machine.runDueTimers' result is typed by the machine's states.
// Every expected error below must stay an error.
import {
  MemoryAdapter,
  type DueTimersResult,
  type StopTimerWorker,
  type TimerFiring,
} from 'state-machine-framework';
import {
  InvoiceMachine,
  type InvoiceState,
  type InvoiceTypes,
} from '../generator/goldens/timers/invoice.machine.gen.js';

const adapter = new MemoryAdapter();

InvoiceMachine.hook('Overdue', (_instances, _context, meta) => {
  // @ts-expect-error meta.timer is absent for a transition no timer fired
  const always: TimerFiring<InvoiceTypes> = meta.timer;
  const timer = meta.timer;
  if (timer === undefined) return always;
  const from: InvoiceState = timer.state;
  const to: InvoiceState = timer.to;
  const afterMs: number = timer.afterMs;
  const dueAt: Date = timer.dueAt;
  const attempt: number = timer.attempt;
  const firedAt: Date = timer.firedAt;
  const entrySeq: number = timer.entrySeq;
  // @ts-expect-error not a state of Invoice
  const wrong: 'Shipped' = timer.state;
  // @ts-expect-error the duration is a number of milliseconds
  const text: string = timer.afterMs;
  return [from, to, afterMs, dueAt, attempt, firedAt, entrySeq, wrong, text];
});

InvoiceMachine.afterCommit('Void', (_instances, _context, meta) => meta.timer?.dueAt.getTime());
InvoiceMachine.validator('Reminded', (_data, _context, meta) => meta.timer?.attempt);

export async function fireDueTimers(): Promise<readonly unknown[]> {
  const result = await InvoiceMachine.runDueTimers({ adapter, now: new Date(), limit: 50 });
  const typed: DueTimersResult<InvoiceTypes> = result;
  const first = result.fired[0];
  const from: InvoiceState | undefined = first?.from;
  const entityId: string | undefined = first?.entityId;
  const failure = result.failed[0];
  const error: unknown = failure?.error;
  const attempts: number | undefined = failure?.attempts;
  const next: Date | undefined = failure?.nextAttemptAt;
  const reason: 'entity-missing' | 'state-left' | 'claim-lost' | 'undeclared' | undefined =
    result.dropped[0]?.reason;
  // @ts-expect-error a fired timer's target is a state of Invoice
  const shipped: 'Shipped' | undefined = first?.to;
  // @ts-expect-error now is a Date
  await InvoiceMachine.runDueTimers({ adapter, now: Date.now() });
  // @ts-expect-error runDueTimers needs an adapter
  await InvoiceMachine.runDueTimers({ limit: 10 });

  const stop: StopTimerWorker = InvoiceMachine.startTimerWorker({ adapter, intervalMs: 1000 });
  const stopped: Promise<void> = stop();
  // @ts-expect-error a worker needs intervalMs
  InvoiceMachine.startTimerWorker({ adapter });
  return [typed, from, entityId, error, attempts, next, reason, shipped, stopped];
}

// README "Timers" shows this: a worker, and a test that fires a timer at its due time.
export async function workerAndTest(invoiceId: string): Promise<readonly unknown[]> {
  // In a worker process: fire due timers every 5 s; stop() waits for the running round.
  const stop = InvoiceMachine.startTimerWorker({ adapter, intervalMs: 5_000, limit: 100 });
  await stop();

  // In a test: read the due time back and pass the worker's clock.
  const [timer] = await adapter.readTimers('Invoice', invoiceId);
  const { fired, failed, dropped } = await InvoiceMachine.runDueTimers({
    adapter,
    now: timer!.dueAt,
  });
  return [fired, failed, dropped];
}
