import type { Diagnostic, SourceSpan } from './diagnostic.js';

/**
 * Every diagnostic `smf-gen` reports about a definition file. Codes are stable: never renumber or
 * reuse one. SMF1xx: the file cannot be read as a definition (parse, shape, types). SMF2xx: the
 * machine it describes breaks a graph rule. The README's code table is checked against this one.
 */
export const DIAGNOSTIC_CODES = [
  {
    code: 'SMF100',
    severity: 'error',
    description: 'The file cannot be read or has a syntax error.',
  },
  { code: 'SMF101', severity: 'error', description: 'The file has no default export.' },
  {
    code: 'SMF102',
    severity: 'error',
    description:
      "The default export is not a `defineMachine({...})` call from 'state-machine-framework/dsl'.",
  },
  {
    code: 'SMF103',
    severity: 'error',
    description:
      'An expression that cannot be read without running the file (a variable, function call, spread, computed key, template with substitutions...).',
  },
  {
    code: 'SMF104',
    severity: 'error',
    description: '`schema(X)`: X is not an exported `const` of the definition file.',
  },
  {
    code: 'SMF105',
    severity: 'error',
    description: 'A value has the wrong type or form for its place in the definition.',
  },
  { code: 'SMF106', severity: 'error', description: 'An unknown property.' },
  { code: 'SMF107', severity: 'error', description: 'A required property is missing.' },
  {
    code: 'SMF108',
    severity: 'error',
    description: '`model()` or `value()` without its type argument.',
  },
  {
    code: 'SMF109',
    severity: 'error',
    description:
      'A type argument the generated module cannot name (not exported, unresolved, or not self-contained).',
  },
  {
    code: 'SMF110',
    severity: 'error',
    description:
      '`stateField`, `identifierField`, `versionField` or `linkedBy` is not a property of the model type.',
  },
  {
    code: 'SMF111',
    severity: 'error',
    description: "A state's value for a model does not fit the type of the model's state field.",
  },
  {
    code: 'SMF112',
    severity: 'error',
    description: '`versionField` is not a `number` property of the model type.',
  },
  {
    code: 'SMF113',
    severity: 'error',
    description: "`versionField` names the model's `stateField` or `identifierField`.",
  },
  {
    code: 'SMF114',
    severity: 'error',
    description: '`linkedBy` is given on the primary (first declared) model.',
  },
  {
    code: 'SMF115',
    severity: 'error',
    description:
      'The file nests brackets too deeply to be read safely (more than 100 levels of `(`, `[`, `{`).',
  },
  {
    code: 'SMF201',
    severity: 'error',
    description: 'A `to` target or `createdIn` names a state that does not exist.',
  },
  { code: 'SMF202', severity: 'error', description: 'No state is marked `start: true`.' },
  { code: 'SMF203', severity: 'error', description: 'A terminal state has outgoing transitions.' },
  { code: 'SMF204', severity: 'error', description: 'A non-terminal state has no `to`.' },
  {
    code: 'SMF205',
    severity: 'error',
    description: 'A state does not map the primary (first declared) model.',
  },
  {
    code: 'SMF206',
    severity: 'error',
    description: "Two states store the same value in the primary model's state field.",
  },
  {
    code: 'SMF207',
    severity: 'error',
    description: 'A model is used but not declared in `models`.',
  },
  {
    code: 'SMF208',
    severity: 'error',
    description: '`createdIn` names a state that does not map that model.',
  },
  {
    code: 'SMF209',
    severity: 'warning',
    description: 'A state cannot be reached from any start state.',
  },
  { code: 'SMF210', severity: 'warning', description: 'A state cannot reach any terminal state.' },
  { code: 'SMF211', severity: 'error', description: 'A name or `to` target is declared twice.' },
  {
    code: 'SMF212',
    severity: 'error',
    description: 'A state, model or context name is not a valid identifier, or is `__proto__`.',
  },
  { code: 'SMF213', severity: 'error', description: 'The machine name is not PascalCase.' },
  {
    code: 'SMF214',
    severity: 'error',
    description:
      "A timer's duration in `after` is not a whole number of milliseconds from 1 to 3650 days (`'500ms'`, `'30s'`, `'15m'`, `'48h'`, `'7d'` or a number of milliseconds).",
  },
  {
    code: 'SMF215',
    severity: 'error',
    description: "A timer's target in `after` is not one of the state's `to` targets.",
  },
  { code: 'SMF216', severity: 'error', description: 'A terminal state declares timers (`after`).' },
  {
    code: 'SMF217',
    severity: 'error',
    description: "Two timers of one state have the same duration (`'60s'` and `'1m'`).",
  },
] as const satisfies readonly DiagnosticCodeInfo[];

export interface DiagnosticCodeInfo {
  readonly code: string;
  readonly severity: Diagnostic['severity'];
  readonly description: string;
}

export type DiagnosticCode = (typeof DIAGNOSTIC_CODES)[number]['code'];

const severityByCode = new Map<string, Diagnostic['severity']>(
  DIAGNOSTIC_CODES.map((info) => [info.code, info.severity]),
);

/** A diagnostic located at `span`, with the severity the table gives its code. */
export function diagnosticAt(
  code: DiagnosticCode,
  span: SourceSpan,
  message: string,
  hint?: string,
): Diagnostic {
  const base = {
    code,
    severity: severityByCode.get(code) ?? 'error',
    file: span.file,
    line: span.line,
    column: span.column,
    message,
  };
  return hint === undefined ? base : { ...base, hint };
}

/** The code table as Markdown, in the layout of the README's code table. */
export function renderCodeTableMarkdown(): string {
  const rows = DIAGNOSTIC_CODES.map(
    (info) => `| ${info.code} | ${info.severity} | ${info.description.replaceAll('|', '\\|')} |`,
  );
  return ['| Code | Severity | Meaning |', '| --- | --- | --- |', ...rows].join('\n') + '\n';
}
