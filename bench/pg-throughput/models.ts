/** The row of the PostgreSQL benchmark's machine. */
export interface Order {
  id: string;
  status: 'pending' | 'processing' | 'completed' | 'on_hold';
  amount: number;
  /** How many load workflows moved the row: the check at the end sums it. */
  loads: number;
}
