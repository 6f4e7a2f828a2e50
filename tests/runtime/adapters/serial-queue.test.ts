import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SerialQueue } from '../../../runtime/adapters/serial-queue.js';

class Expired extends Error {}

function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

const limited = () =>
  new SerialQueue({ ms: 100, error: (waited, held) => new Expired(`${waited}/${held}`) });

describe('SerialQueue with a wait limit (the clock is vitest’s fake one)', () => {
  it('a long line of short jobs never times out: each hand-over restarts the count', async () => {
    const queue = limited();
    const order: string[] = [];
    const gates = ['a', 'b', 'c', 'd'].map(() => gate());
    const jobs = gates.map((g, i) =>
      queue.run(async () => {
        order.push(`start ${i}`);
        await g.opened;
      }),
    );
    for (const g of gates) {
      await vi.advanceTimersByTimeAsync(60);
      g.open();
      await vi.advanceTimersByTimeAsync(0);
    }
    await Promise.all(jobs);
    expect(order).toEqual(['start 0', 'start 1', 'start 2', 'start 3']);
  });

  it('jobs waiting while one job runs past the limit fail in order; later ones still run', async () => {
    const queue = limited();
    const stuck = gate();
    const holder = queue.run(() => stuck.opened);
    const first = queue.run(async () => 'first').catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(30);
    const second = queue.run(async () => 'second').catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(70);
    expect(await first).toEqual(new Expired('100/100'));
    await vi.advanceTimersByTimeAsync(30);
    expect(await second).toEqual(new Expired('100/130'));
    const third = queue.run(async () => 'third');
    stuck.open();
    await holder;
    expect(await third).toBe('third');
    expect(vi.getTimerCount()).toBe(0);
  });

  it('keeps no timer while nothing waits', async () => {
    const queue = limited();
    await queue.run(async () => 1);
    const job = queue.run(async () => 2);
    const waiting = queue.run(async () => 3);
    expect(vi.getTimerCount()).toBe(1);
    await Promise.all([job, waiting]);
    expect(vi.getTimerCount()).toBe(0);
  });
});
