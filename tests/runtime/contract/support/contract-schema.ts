/** The tables of the contract machines on a SQLite file (model → table through `CONTRACT_TABLES`). */
export const CONTRACT_SCHEMA_SQL = `
CREATE TABLE jobs (jobId TEXT PRIMARY KEY, status TEXT NOT NULL);
CREATE TABLE counters (
  counterId TEXT PRIMARY KEY,
  phase TEXT NOT NULL,
  count INTEGER NOT NULL,
  version INTEGER,
  meta JSON
);
CREATE TABLE invoices (
  invoiceId TEXT PRIMARY KEY,
  status TEXT NOT NULL,
  total INTEGER NOT NULL DEFAULT 0,
  version INTEGER NOT NULL
);
CREATE TABLE payments (
  paymentId TEXT PRIMARY KEY,
  invoiceId TEXT NOT NULL,
  state TEXT NOT NULL,
  amount INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE audit_entries (auditId TEXT PRIMARY KEY, text TEXT NOT NULL);
`;

export const CONTRACT_TABLES = {
  Job: 'jobs',
  Counter: 'counters',
  Invoice: 'invoices',
  Payment: 'payments',
  AuditEntry: 'audit_entries',
} as const;

export type ContractModel = keyof typeof CONTRACT_TABLES;
