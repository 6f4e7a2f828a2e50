/** What the parent hands a timer worker process (argv[2], JSON) and what the worker reports. */
export interface TimerWorkerTask {
  readonly url: string;
  readonly schema: string;
  readonly worker: number;
  /** The workers' shared clock (ISO): the Reminded timers are due, the Expired ones not yet. */
  readonly now: string;
  readonly limit: number;
}

export interface TimerWorkerReport {
  readonly worker: number;
  readonly calls: number;
  /** Entity ids whose timer this worker fired. */
  readonly fired: readonly string[];
  readonly failed: readonly string[];
  readonly dropped: readonly string[];
}
