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
