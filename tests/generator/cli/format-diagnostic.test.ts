import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../../generator/diagnostics/diagnostic.js';
import { codeFrame } from '../../../generator/diagnostics/code-frame.js';
import {
  formatDiagnostic,
  formatDiagnosticSummary,
} from '../../../generator/diagnostics/format-diagnostic.js';

const source = [
  "import { defineMachine } from 'state-machine-framework/dsl';",
  'export default defineMachine({',
  "  name: 'Order',",
  "  states: { Pending: { start: true, to: ['Procesing'] } },",
  '\tmodels: {},',
  '});',
].join('\n');

const diagnostic = (overrides: Partial<Diagnostic> = {}): Diagnostic => ({
  code: 'SMF201',
  severity: 'error',
  file: '/project/examples/order/order.machine.ts',
  line: 4,
  column: 42,
  message: "unknown target state 'Procesing'",
  ...overrides,
});

describe('formatDiagnostic', () => {
  it('prints tsc style: cwd-relative location, code, message, code frame and hint', () => {
    const text = formatDiagnostic(
      diagnostic({ hint: "did you mean 'Processing'?" }),
      '/project',
      source,
    );
    expect(text).toBe(
      [
        "examples/order/order.machine.ts:4:42 - error SMF201: unknown target state 'Procesing'",
        '',
        "4   states: { Pending: { start: true, to: ['Procesing'] } },",
        '                                           ^~~~~~~~~~~',
        "  hint: did you mean 'Processing'?",
      ].join('\n'),
    );
  });

  it('prints warnings and goes without a frame when the source is unavailable', () => {
    expect(
      formatDiagnostic(diagnostic({ severity: 'warning', code: 'SMF209' }), '/project', undefined),
    ).toBe(
      "examples/order/order.machine.ts:4:42 - warning SMF209: unknown target state 'Procesing'",
    );
  });

  it('names files outside cwd relative to it', () => {
    expect(formatDiagnostic(diagnostic(), '/project/examples/other', undefined)).toMatch(
      /^\.\.\/order\/order\.machine\.ts:4:42 /,
    );
  });
});

describe('codeFrame', () => {
  it('underlines an identifier, keeping tabs so the caret lines up', () => {
    expect(codeFrame(source, 5, 2)).toBe(['5 \tmodels: {},', '  \t^~~~~~'].join('\n'));
  });

  it('underlines a single character that starts no token', () => {
    expect(codeFrame(source, 6, 1)).toBe(['6 });', '  ^'].join('\n'));
  });

  it('gives nothing for a line past the end', () => {
    expect(codeFrame(source, 40, 1)).toBeUndefined();
  });
});

describe('formatDiagnosticSummary', () => {
  it('counts errors, warnings and files', () => {
    expect(formatDiagnosticSummary([])).toBeUndefined();
    expect(formatDiagnosticSummary([diagnostic()])).toBe('Found 1 error in 1 file.');
    expect(
      formatDiagnosticSummary([
        diagnostic(),
        diagnostic({ line: 2 }),
        diagnostic({ severity: 'warning', file: '/project/b.machine.ts' }),
      ]),
    ).toBe('Found 2 errors and 1 warning in 2 files.');
  });
});
