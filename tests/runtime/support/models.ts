export interface Order {
  orderId: string;
  status: 'pending' | 'processing' | 'shipped' | 'delivered' | 'cancelled';
  amount: number;
  customerEmail?: string;
}

export interface Payment {
  paymentId: string;
  state: 'authorized' | 'captured' | 'refunded';
  amount: number;
}
