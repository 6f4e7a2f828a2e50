/** A SQL identifier in double quotes, with embedded quotes doubled. */
export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/**
 * A table name as written in `tables`: `orders`, or schema-qualified `app.orders` (split at the
 * first dot). Without a schema the connection's search_path finds it.
 */
export function quoteTable(name: string): string {
  const dot = name.indexOf('.');
  return dot < 0
    ? quoteIdentifier(name)
    : `${quoteIdentifier(name.slice(0, dot))}.${quoteIdentifier(name.slice(dot + 1))}`;
}

export interface StatementSubject {
  readonly model: string;
  /** As written in `tables`: `orders` or `app.orders`. */
  readonly table: string;
}

/**
 * A statement with its parameters kept apart from the text: `texts` has one more entry than
 * `values`, and value i goes between texts i and i + 1. It is sent with `$n` placeholders, or,
 * when it rides in one round trip behind statements that take no parameters (see `PgSession`),
 * with its values written in as literals.
 */
export class SqlStatement {
  readonly texts: string[] = [''];
  readonly values: unknown[] = [];
  /** The model and table the statement works on, to name them when it (or COMMIT) fails. */
  subject: StatementSubject | undefined;
  /** Its rows may hold values whose text the pinned settings shape (timestamps, floats). */
  readsPinnedValues = false;

  text(sql: string): this {
    this.texts[this.texts.length - 1] += sql;
    return this;
  }

  value(value: unknown): this {
    this.values.push(value);
    this.texts.push('');
    return this;
  }

  withPlaceholders(): string {
    let sql = this.texts[0] as string;
    for (let i = 1; i < this.texts.length; i++) sql += `$${i}${this.texts[i] as string}`;
    return sql;
  }

  /** The text with values as literals, or undefined when one cannot be written as a literal. */
  withLiterals(): string | undefined {
    let sql = this.texts[0] as string;
    for (let i = 1; i < this.texts.length; i++) {
      const value = this.values[i - 1];
      let literal: string | undefined;
      if (value === null) literal = 'NULL';
      else if (typeof value === 'string') literal = quoteLiteral(value);
      if (literal === undefined) return undefined;
      sql += `${literal}${this.texts[i] as string}`;
    }
    return sql;
  }
}

/**
 * A string literal of type unknown, which the server resolves from context exactly as it does an
 * untyped `$n` parameter. Backslashes are doubled inside an E'' literal, so the text reads back
 * the same whatever standard_conforming_strings says; a NUL (which would end the query text) is
 * never written as a literal.
 */
function quoteLiteral(value: string): string | undefined {
  if (value.includes('\0')) return undefined;
  const quoted = `'${value.replaceAll("'", "''").replaceAll('\\', '\\\\')}'`;
  return value.includes('\\') ? `E${quoted}` : quoted;
}
