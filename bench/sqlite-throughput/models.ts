/** The row of the SQLite benchmark's machine (table "orders"). */
export interface Order {
  orderId: string;
  status: 'pending' | 'processing' | 'completed';
  amount: number;
}
