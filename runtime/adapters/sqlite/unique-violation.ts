import { UniqueViolationError } from '../../errors.js';
import type { Filters, Row } from '../../orm-adapter.js';

const UNIQUE_CODES: ReadonlySet<string> = new Set([
  'SQLITE_CONSTRAINT_UNIQUE',
  'SQLITE_CONSTRAINT_PRIMARYKEY',
]);

/**
 * SQLite's UNIQUE / PRIMARY KEY violation as `UniqueViolationError`, the SqliteError as its cause;
 * any other error unchanged. SQLite names the columns ("UNIQUE constraint failed: orders.orderId,
 * orders.region"); their values are taken from what the statement wrote, or else its filters. An
 * index on expressions is named instead, and then no fields can be told.
 */
export function uniqueViolationOr(
  error: unknown,
  model: string,
  values: Row | undefined,
  filters: Filters | undefined,
): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !UNIQUE_CODES.has(code)) return error;
  const message = (error as Error).message;
  const listed = /constraint failed: (.*)$/.exec(message)?.[1] ?? '';
  const fields: Record<string, unknown> = {};
  for (const qualified of listed.split(', ')) {
    const dot = qualified.lastIndexOf('.');
    if (dot < 0 || qualified.startsWith('index ')) continue;
    const column = qualified.slice(dot + 1);
    fields[column] = valueOf(column, values, filters);
  }
  return new UniqueViolationError(model, fields, { cause: error, detail: message });
}

function valueOf(column: string, values: Row | undefined, filters: Filters | undefined): unknown {
  if (values !== undefined && Object.hasOwn(values, column)) return values[column];
  if (filters !== undefined && Object.hasOwn(filters, column)) return filters[column];
  return undefined;
}
