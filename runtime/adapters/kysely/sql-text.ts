import type { SqlDialect } from './dialect.js';

/** Writing SQL text for one dialect: quoted names and parameter placeholders. */
export interface SqlText {
  readonly dialect: SqlDialect;
  /** One name, quoted. */
  name(name: string): string;
  /** A table name, `schema.table` quoted part by part. */
  table(table: string): string;
  /** The placeholder of the `index`-th parameter (1-based). */
  param(index: number): string;
  /** A column read as text, for values the driver would round or reshape. */
  asText(expression: string): string;
}

const doubleQuoted = (name: string) => `"${name.replaceAll('"', '""')}"`;
const backQuoted = (name: string) => `\`${name.replaceAll('`', '``')}\``;

export function sqlText(dialect: SqlDialect): SqlText {
  const name = dialect === 'mysql' ? backQuoted : doubleQuoted;
  return {
    dialect,
    name,
    table: (table) => table.split('.').map(name).join('.'),
    param: dialect === 'postgres' ? (index) => `$${index}` : () => '?',
    asText:
      dialect === 'mysql'
        ? (expression) => `CAST(${expression} AS CHAR)`
        : (expression) => `CAST(${expression} AS TEXT)`,
  };
}

/** Collects parameters and hands out their placeholders in order. */
export class Parameters {
  readonly values: unknown[] = [];
  readonly #text: SqlText;

  constructor(text: SqlText) {
    this.#text = text;
  }

  add(value: unknown): string {
    this.values.push(value);
    return this.#text.param(this.values.length);
  }
}
