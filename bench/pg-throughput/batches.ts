import type { Side, SideName } from './sides.js';

export interface Sample {
  readonly wallMs: number;
  /** This process's CPU time (user + system): unlike wall time, not inflated by other processes. */
  readonly cpuMs: number;
}

export interface SideResult {
  /** One per measured batch, in batch order (the same batches on every side). */
  readonly samples: readonly Sample[];
  readonly roundTrips: number;
  readonly statements: number;
  /** The queries of one workflow run after the measured batches. */
  readonly trace: readonly string[];
}

export interface BatchPlan {
  readonly clients: number;
  /** Workflows each client runs per batch, one after the other. */
  readonly perClient: number;
  readonly warmup: number;
  readonly batches: number;
}

/** Workflows a side runs in all: warm-up, measured batches, and the one traced. */
export const workflowsRun = (plan: BatchPlan): number =>
  plan.clients * plan.perClient * (plan.warmup + plan.batches) + 1;

async function measure(work: () => Promise<unknown>): Promise<Sample> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  await work();
  const used = process.cpuUsage(cpu);
  return { wallMs: performance.now() - started, cpuMs: (used.user + used.system) / 1000 };
}

/** `clients` concurrent loops, each running its workflows `first` … `first + perClient - 1`. */
function batch(side: Side, plan: BatchPlan, first: number): Promise<Sample> {
  return measure(() =>
    Promise.all(
      Array.from({ length: plan.clients }, async (_, client) => {
        for (let n = first; n < first + plan.perClient; n++) await side.run(client, n);
      }),
    ),
  );
}

/**
 * Runs the sides batch by batch, one side at a time, the order rotating each batch so no side
 * always goes first; warm-up batches (connections opened, columns read, code compiled) are not
 * counted. Round trips are counted over the measured batches only.
 */
export async function compareSides(
  sides: readonly Side[],
  plan: BatchPlan,
): Promise<Map<SideName, SideResult>> {
  let first = 0;
  for (let w = 0; w < plan.warmup; w++, first += plan.perClient) {
    for (const side of sides) await batch(side, plan, first);
  }
  const before = new Map(sides.map((side) => [side.name, side.trips.snapshot()]));
  const samples = new Map<SideName, Sample[]>(sides.map((side) => [side.name, []]));
  for (let b = 0; b < plan.batches; b++, first += plan.perClient) {
    for (let i = 0; i < sides.length; i++) {
      const side = sides[(b + i) % sides.length] as Side;
      samples.get(side.name)?.push(await batch(side, plan, first));
    }
  }
  const results = new Map<SideName, SideResult>();
  for (const side of sides) {
    const start = before.get(side.name) ?? { roundTrips: 0, statements: 0 };
    const { roundTrips, statements } = side.trips.snapshot();
    side.trips.tracing = true;
    await side.run(0, first);
    side.trips.tracing = false;
    results.set(side.name, {
      samples: samples.get(side.name) ?? [],
      roundTrips: roundTrips - start.roundTrips,
      statements: statements - start.statements,
      trace: side.trips.trace.splice(0),
    });
  }
  return results;
}
