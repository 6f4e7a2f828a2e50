/** Where the timer workers' database is: which server, and the schema or database on it. */
export interface TimerDatabase {
  readonly dialect: 'postgres' | 'mysql';
  readonly url: string;
  /** The PostgreSQL schema or the MySQL/MariaDB database the test made. */
  readonly name: string;
}

/** What the parent hands a timer worker process (argv[2], JSON) and what the worker reports. */
export interface TimerWorkerTask {
  readonly database: TimerDatabase;
  readonly worker: number;
  /** The workers' shared clock (ISO). */
  readonly now: string;
  readonly limit: number;
}

export interface TimerWorkerReport {
  readonly worker: number;
  readonly calls: number;
  /** Entity ids whose timer this worker fired. */
  readonly fired: readonly string[];
  readonly failed: readonly string[];
  /** `entityId: reason` of each timer this worker dropped. */
  readonly dropped: readonly string[];
}
