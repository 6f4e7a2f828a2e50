import { describe, expect, it } from 'vitest';
import type { LiteralView } from '../../templates/literal-view.js';
import { printLiteral } from '../../templates/print-literal.js';
import { array, code, object, prop } from '../support/literal-views.js';

interface PrintCase {
  readonly name: string;
  readonly view: LiteralView;
  readonly expandDepth?: number;
  readonly want: string;
}

const cases: PrintCase[] = [
  {
    name: 'code: printed as given, with its escapes neither added nor undone',
    view: code('"say \\"hi\\"\\\\ \\n é \u2028 \\ud800"'),
    want: '"say \\"hi\\"\\\\ \\n é \u2028 \\ud800"',
  },
  {
    name: 'code: an unescaped quote or backslash passes through too: escaping belongs to the view builder',
    view: code(`'it's' \\`),
    want: `'it's' \\`,
  },
  {
    name: 'array: items joined on one line',
    view: array(code('1'), code('"a"'), code('true'), code('Identifier')),
    want: '[1, "a", true, Identifier]',
  },
  {
    name: 'array: empty and nested',
    view: array(array(), array(code('1'), array(code('2')))),
    want: '[[], [1, [2]]]',
  },
  {
    name: 'object: inline below the expand depth, keys as given',
    view: object(prop('a', code('1')), prop('"b-c"', code('"x"')), prop('$d', array())),
    want: '{ a: 1, "b-c": "x", $d: [] }',
  },
  {
    name: 'object: empty is {} even within the expand depth',
    view: object(),
    expandDepth: 3,
    want: '{}',
  },
  {
    name: 'object: expanded within the expand depth, one property per line with a trailing comma',
    view: object(prop('A', array(code('"B"'))), prop('B', object(prop('x', code('1'))))),
    expandDepth: 1,
    want: ['{', '  A: ["B"],', '  B: { x: 1 },', '}'].join('\n'),
  },
  {
    name: 'object: nested expansion indents two spaces a level',
    view: object(
      prop('outer', object(prop('inner', object(prop('deep', code('true')))), prop('e', object()))),
    ),
    expandDepth: 2,
    want: ['{', '  outer: {', '    inner: { deep: true },', '    e: {},', '  },', '}'].join('\n'),
  },
];

describe('printLiteral fed a literal view', () => {
  it.each(cases)('$name', ({ view, expandDepth, want }) => {
    expect(printLiteral(view, expandDepth)).toBe(want);
  });
});
