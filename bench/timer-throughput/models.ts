/** The benchmark's one model: a job whose timer moves it on. */
export interface Job {
  jobId: string;
  status: 'waiting' | 'expired' | 'closed';
}
