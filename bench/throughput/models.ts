/** The one row of the throughput benchmark's machine. */
export interface Item {
  id: string;
  status: string;
  note?: string;
}
