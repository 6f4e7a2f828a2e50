/**
 * The settings the adapter reads values by, pinned with `SET LOCAL` for each transaction (and for
 * each statement outside one) at no round trip of their own: they ride in the same simple query.
 * A database or pool that sets them otherwise (`ALTER DATABASE … SET datestyle = 'SQL, DMY'`,
 * `options: '-c DateStyle=German'`, `extra_float_digits=0`) would have timestamps come back in a
 * form the type parsers do not read, and doubles rounded; the application's own queries on the
 * pool keep its settings, since `SET LOCAL` ends with the transaction.
 */
export const PIN_SETTINGS = 'SET LOCAL DateStyle = ISO; SET LOCAL extra_float_digits = 1';
