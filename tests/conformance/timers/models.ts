/** The Timed machine's primary model, stored in the contract schema's `jobs` table. */
export interface TimedJob {
  jobId: string;
  status: 'open' | 'waiting' | 'reminded' | 'expired' | 'closed';
}
