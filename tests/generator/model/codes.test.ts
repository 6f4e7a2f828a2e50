import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DIAGNOSTIC_CODES, renderCodeTableMarkdown } from '../../../generator/diagnostics/codes.js';
import { REPO_ROOT } from '../parse/support/definition-files.js';

/** Every `'SMF123'` literal in the parse and model sources. */
function codesUsedInSources(): Set<string> {
  const used = new Set<string>();
  for (const folder of ['generator/parse', 'generator/model']) {
    for (const file of fs.readdirSync(path.join(REPO_ROOT, folder))) {
      const text = fs.readFileSync(path.join(REPO_ROOT, folder, file), 'utf8');
      for (const match of text.matchAll(/'(SMF\d{3})'/g)) used.add(match[1] ?? '');
    }
  }
  return used;
}

describe('the diagnostic code table', () => {
  const codes = DIAGNOSTIC_CODES.map((info) => info.code);

  it('lists each code once, in order, SMF1xx before SMF2xx', () => {
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes).toEqual(codes.toSorted());
    expect(codes.every((code) => /^SMF[12]\d{2}$/.test(code))).toBe(true);
  });

  it('makes only unreachable and unfinishable states warnings', () => {
    const warnings = DIAGNOSTIC_CODES.filter((info) => info.severity === 'warning');

    expect(warnings.map((info) => info.code)).toEqual(['SMF209', 'SMF210']);
  });

  it('matches the codes the parse and model stages report', () => {
    expect([...codesUsedInSources()].toSorted()).toEqual(codes);
  });

  it('renders a Markdown table with one row per code', () => {
    const lines = renderCodeTableMarkdown().trimEnd().split('\n');

    expect(lines.slice(0, 2)).toEqual(['| Code | Severity | Meaning |', '| --- | --- | --- |']);
    expect(lines.slice(2)).toHaveLength(codes.length);
    expect(lines[2]).toBe('| SMF100 | error | The file cannot be read or has a syntax error. |');
  });
});
