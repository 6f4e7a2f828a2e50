import { expect } from 'vitest';
import type { ConformanceDatabase } from '../../../conformance/registry.js';

export { describeEachDatabase } from '../../../conformance/registry.js';

/**
 * One database under test, with reads that see only what was committed: every adapter of the
 * conformance registry (tests/conformance/registry.ts; SMF_ADAPTERS picks some). Tests use
 * `describeEachDatabase('… on %s', (_name, open) => …)` and `const db = await open()`.
 */
export type ContractDatabase = ConformanceDatabase;

/** The transition log as `machine entity: from → to` lines, the part every adapter agrees on. */
export async function logLines(db: ContractDatabase): Promise<string[]> {
  return (await db.transitionLog()).map(
    (e) => `${e.machine} ${String(e.entityId)}: ${e.from ?? '(new)'} → ${e.to}`,
  );
}

/** What a call rejected (or threw) with; fails the test when it succeeded. */
export async function failureOf(call: () => unknown): Promise<unknown> {
  try {
    await call();
  } catch (error) {
    return error;
  }
  expect.fail('expected the call to fail, but it succeeded');
}

/** Lets every queued callback, timer of 0 ms and late promise settle before the test looks. */
export async function drainPendingWork(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
}

/** Unhandled rejections seen while `fn` runs and its leftovers settle. */
export async function unhandledRejectionsDuring(fn: () => Promise<void>): Promise<unknown[]> {
  const seen: unknown[] = [];
  const listener = (reason: unknown) => seen.push(reason);
  process.on('unhandledRejection', listener);
  try {
    await fn();
    await drainPendingWork();
  } finally {
    process.off('unhandledRejection', listener);
  }
  return seen;
}
