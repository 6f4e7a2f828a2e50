import type { ORMAdapter } from 'state-machine-framework';

export class InjectedFault extends Error {}

/**
 * Wraps an adapter, and every transaction handle it hands out, to fail at the k-th call. The
 * wrapper hides the handles' synchronous operations from the runtime (they belong to the inner
 * handle), so every write goes through a wrapped call; `counter.calls` counts them.
 */
export function failingAt(inner: ORMAdapter, failAt: number, counter = { calls: 0 }): ORMAdapter {
  return new Proxy(inner, {
    get(target, key, receiver) {
      const value: unknown = Reflect.get(target, key, receiver);
      if (typeof value !== 'function') return value;
      // Capabilities that do no I/O are not where a database fails.
      if (key === 'describeModel' || key === 'onCommit') return value.bind(target);
      return (...args: unknown[]) => {
        counter.calls++;
        if (counter.calls === failAt)
          return Promise.reject(new InjectedFault(`fault at call ${failAt}`));
        if (key === 'transaction') {
          const fn = args[0] as (tx: ORMAdapter) => Promise<unknown>;
          return target.transaction((tx) => fn(failingAt(tx, failAt, counter)));
        }
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}
