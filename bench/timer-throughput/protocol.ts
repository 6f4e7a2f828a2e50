/** What bench/timer-throughput.ts hands a worker process (argv[2], JSON) and what it reports. */
export interface BenchWorkerTask {
  readonly url: string;
  readonly schema: string;
  /** The workers' clock (ISO): every seeded timer is due at it. */
  readonly now: string;
  readonly limit: number;
}

/** Sent once the worker is connected and ready; the parent answers `'go'` to all at once. */
export interface BenchWorkerReady {
  readonly kind: 'ready';
}

export interface BenchWorkerDone {
  readonly kind: 'done';
  readonly fired: number;
  readonly failed: number;
  readonly dropped: number;
  readonly calls: number;
  /** The worker process's CPU time (user + system) while it fired, in µs. */
  readonly cpuMicros: number;
}
