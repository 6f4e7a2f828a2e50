/** A physical vending machine (table "Machine"). It serves one customer at a time. */
export interface Machine {
  machineId: string;
  location: string;
  status: 'ready' | 'busy' | 'dispensing';
}

/** A slot's product and its stock (table "Product"). Not a workflow model: handlers update it. */
export interface Product {
  productId: string;
  machineId: string;
  name: string;
  /** Cents. */
  price: number;
  stock: number;
}

/** One customer's purchase (table "VendTransaction"): the workflow's primary model. */
export interface VendTransaction {
  transactionId: string;
  machineId: string;
  status: 'idle' | 'coin_inserted' | 'product_selected' | 'dispensing' | 'completed' | 'cancelled';
  /** Cents inserted so far. */
  credit: number;
  /** The last coin inserted, in cents. */
  lastCoin: number | null;
  productId: string | null;
  /** Cents. */
  price: number | null;
  /** Cents returned to the customer. */
  change: number | null;
}
