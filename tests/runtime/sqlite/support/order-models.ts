export interface Order {
  orderId: string;
  status: 'pending' | 'processing' | 'shipped' | 'delivered' | 'cancelled';
  amount: number;
  customerEmail: string | null;
  express: boolean;
}

export interface Payment {
  paymentId: string;
  orderId: string;
  state: 'authorized' | 'captured';
  amount: number;
}

/** The schema the users of this machine would own: model → table through the adapter's `tables`. */
export const ORDER_SCHEMA_SQL = `
CREATE TABLE orders (
  orderId TEXT PRIMARY KEY,
  status TEXT NOT NULL,
  amount REAL NOT NULL,
  customerEmail TEXT,
  express BOOLEAN NOT NULL DEFAULT 0
);
CREATE TABLE payments (
  paymentId TEXT PRIMARY KEY,
  orderId TEXT NOT NULL REFERENCES orders (orderId),
  state TEXT NOT NULL,
  amount REAL NOT NULL
);
`;

export const ORDER_TABLES = { Order: 'orders', Payment: 'payments' } as const;
