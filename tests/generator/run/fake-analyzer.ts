import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Analyzer } from '../../../generator/analyze/analyzer.js';
import { machineOf } from '../emit/model-builders.js';

/**
 * Stands in for parse + model so orchestration is tested on its own: a definition's text says
 * what to do (`BROKEN` → an error diagnostic, `WARN` → a warning, `THROW` → the stage crashes);
 * otherwise it is a two-state machine named after the file.
 */
export function fakeAnalyzer(calls: string[][] = []): Analyzer {
  return async (files) => {
    calls.push([...files]);
    return (file) => {
      const text = readFileSync(file, 'utf8');
      if (text.includes('THROW')) throw new Error('stage exploded');
      const name = basename(file, '.machine.ts').replace(/^./, (c) => c.toUpperCase());
      const at = { file, line: 2, column: 5 };
      if (text.includes('BROKEN')) {
        return {
          model: undefined,
          diagnostics: [{ code: 'SMF201', severity: 'error', ...at, message: 'broken' }],
        };
      }
      const model = machineOf({
        name,
        sourceFile: file,
        states: { Open: { start: true, to: ['Closed'] }, Closed: { terminal: true } },
      });
      const diagnostics = text.includes('WARN')
        ? [{ code: 'SMF209', severity: 'warning' as const, ...at, message: 'unreachable' }]
        : [];
      return { model, diagnostics };
    };
  };
}
