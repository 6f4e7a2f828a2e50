/** The contract tables' invoices, as the Ledger machines read them. */
export interface LedgerInvoice {
  invoiceId: string;
  status: string;
  total: number;
  version: number;
}

/** The contract tables' items, identified by their quantity: a numeric identifier to order by. */
export interface StockItem {
  itemId: string;
  kind: string;
  label: string | null;
  qty: number;
}
