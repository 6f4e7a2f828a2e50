/** Billing's primary model; its version field makes every write compare and increment it. */
export interface Invoice {
  invoiceId: string;
  status: 'draft' | 'sent' | 'paid' | 'refunded' | 'void';
  total: number;
  version: number;
}

/** Linked to its invoice by `invoiceId`, so load finds it without being handed it. */
export interface Payment {
  paymentId: string;
  invoiceId: string;
  state: 'settled' | 'refunded';
  amount: number;
}

/** Counting's primary model. */
export interface Job {
  jobId: string;
  status: 'open' | 'busy' | 'idle' | 'closed';
}

export interface CounterMeta {
  notes: string[];
}

/** A row a Counting workflow is handed from outside; `version` stays null without a version field. */
export interface Counter {
  counterId: string;
  phase: 'counting' | 'idle';
  count: number;
  version: number | null;
  meta: CounterMeta | null;
}

/** The same row when `version` is Counter's version field: always a number. */
export interface VersionedCounter extends Counter {
  version: number;
}

export interface Settings {
  limits: { max: number };
  tags: string[];
}
