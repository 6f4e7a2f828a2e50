export interface Job {
  jobId: string;
  status: 'a' | 'b';
}
