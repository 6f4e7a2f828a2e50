/** The row the order workflow keeps its state in (table "Order"). */
export interface Order {
  orderId: string;
  status: 'pending' | 'processing' | 'completed' | 'cancelled';
  amount: number;
  customerEmail: string;
  cancelledAt?: string | null;
}
