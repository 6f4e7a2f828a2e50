/**
 * The workloads and which row each workflow works on. Both sides of a comparison get the same
 * (client, n) pairs, so they touch the same rows of their own tables in the same order.
 */
export type Workload = 'lifecycle' | 'load' | 'contended';

export const WORKLOADS: readonly Workload[] = ['lifecycle', 'load', 'contended'];

export const DESCRIPTIONS: Readonly<Record<Workload, string>> = {
  lifecycle: 'Machine.run: create (Pending) → Processing → Completed, one transaction',
  load: 'Machine.load (SELECT … FOR UPDATE) + one transition + commit, each client on its own rows',
  contended: 'as load, but all clients share 8 rows (load retry on conflict)',
};

/** Transitions one workflow of the workload makes (the created row's entry into Pending counts). */
export const TRANSITIONS: Readonly<Record<Workload, number>> = {
  lifecycle: 3,
  load: 1,
  contended: 1,
};

export const CONTENDED_ROWS = 8;

/** One workflow: the n-th (from 0, warm-up included) of client `client`. */
export type WorkflowRun = (client: number, n: number) => Promise<void>;

export const lifecycleId = (client: number, n: number): string => `o${client}_${n}`;

/** The pre-created rows load workflows move: `rowsPerClient` per client, or 8 shared ones. */
export function loadRowId(
  workload: Workload,
  client: number,
  n: number,
  rowsPerClient: number,
): string {
  if (workload === 'contended') return `s${(client + n) % CONTENDED_ROWS}`;
  return `r${client}_${n % rowsPerClient}`;
}

export function loadRowIds(workload: Workload, clients: number, rowsPerClient: number): string[] {
  if (workload === 'contended') {
    return Array.from({ length: CONTENDED_ROWS }, (_, i) => `s${i}`);
  }
  const ids: string[] = [];
  for (let c = 0; c < clients; c++) {
    for (let r = 0; r < rowsPerClient; r++) ids.push(loadRowId(workload, c, r, rowsPerClient));
  }
  return ids;
}

/** A conflict the whole transaction may be retried after: the compare-and-set found the row changed. */
export class RowChanged extends Error {}

const CONFLICT_CODES = new Set(['40001', '40P01']);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * `once()`, run again after a conflict in the contended workload (a changed row, a serialization
 * failure, a deadlock, or an adapter's retryable error), as `load({ retry })` does.
 */
export async function retrying(workload: Workload, once: () => Promise<void>): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await once();
    } catch (error) {
      const conflict =
        error instanceof RowChanged ||
        CONFLICT_CODES.has((error as { code?: string }).code ?? '') ||
        (error as { retryable?: unknown }).retryable === true;
      if (workload !== 'contended' || !conflict || attempt >= 50) throw error;
      await sleep(Math.random() * 2 ** Math.min(attempt, 6));
    }
  }
}
