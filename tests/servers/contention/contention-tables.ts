import type { SqlDialect } from 'state-machine-framework/adapters/sql/transition-log-ddl';
import { transitionLogStatements } from 'state-machine-framework/adapters/sql/transition-log-ddl';

/** The machine's models and their tables (tally.machine.ts). */
export const CONTENTION_TABLES = { Tally: 'tallies', Mirror: 'mirrors' } as const;

/** The tables the contention and crash tests use, and the transition log, in `dialect`. */
export function contentionTableStatements(dialect: Exclude<SqlDialect, 'sqlite'>): string[] {
  const q = (name: string) => (dialect === 'mysql' ? `\`${name}\`` : `"${name}"`);
  const text = dialect === 'mysql' ? 'VARCHAR(64)' : 'TEXT';
  return [
    `CREATE TABLE ${q('tallies')} (${q('tallyId')} ${text} PRIMARY KEY, status ${text} NOT NULL, count INTEGER NOT NULL)`,
    `CREATE TABLE ${q('mirrors')} (${q('mirrorId')} ${text} PRIMARY KEY, ${q('tallyId')} ${text} NOT NULL UNIQUE, status ${text} NOT NULL, count INTEGER NOT NULL)`,
    ...transitionLogStatements(dialect),
  ];
}
