import { describe, expect, it } from 'vitest';
import type { ContextEntryModel } from '../../../generator/definition/machine-model.js';
import { code, object, prop } from '../../support/literal-views.js';
import { machineOf, modelOf } from './model-builders.js';
import { DEFINITION, fieldsNamedBy, type ModuleViewCase } from './module-view-cases.js';

/** Order is the primary model, Payment a linked one. */
function signup(
  context: readonly ContextEntryModel[],
  schemaImports: readonly string[] = [],
): ModuleViewCase['given'] {
  return machineOf({
    name: 'Signup',
    sourceFile: DEFINITION,
    models: [
      modelOf(DEFINITION, 'Order', { kind: 'import', name: 'Order', from: './models.js' }),
      modelOf(
        DEFINITION,
        'Payment',
        { kind: 'import', name: 'Payment', from: './models.js' },
        { linkedBy: 'orderId' },
      ),
    ],
    states: { New: { start: true, terminal: true } },
    context,
    schemaImports,
  });
}

const REQUIRED_OPTION = '{ context: SignupContextInput }';
const OPTIONAL_OPTION = '{ context?: SignupContextInput | undefined }';

const cases: ModuleViewCase[] = [
  {
    decision: 'no context: empty interfaces, an optional context option, an empty config',
    given: signup([]),
    want: {
      contextMembers: [],
      contextInputMembers: [],
      contextOption: OPTIONAL_OPTION,
      configContext: object(),
    },
  },
  {
    decision:
      'required value: required for handlers and callers, so the context option is required',
    given: signup([
      {
        kind: 'value',
        key: 'customerId',
        required: true,
        type: { kind: 'text', text: 'string' },
        runtimeType: 'string',
      },
    ]),
    want: {
      contextMembers: [{ name: 'customerId', type: 'string' }],
      contextInputMembers: [{ name: 'customerId', type: 'string' }],
      contextOption: REQUIRED_OPTION,
      configContext: object(
        prop(
          'customerId',
          object(
            prop('kind', code('"value"')),
            prop('required', code('true')),
            prop('type', code('"string"')),
          ),
        ),
      ),
    },
  },
  {
    decision: 'optional value: `?` and `| undefined`, and the context option stays optional',
    given: signup([
      {
        kind: 'value',
        key: 'note',
        required: false,
        type: { kind: 'text', text: 'string' },
        runtimeType: 'string',
      },
    ]),
    want: {
      contextMembers: [{ name: 'note?', type: 'string | undefined' }],
      contextInputMembers: [{ name: 'note?', type: 'string | undefined' }],
      contextOption: OPTIONAL_OPTION,
      configContext: object(
        prop(
          'note',
          object(
            prop('kind', code('"value"')),
            prop('required', code('false')),
            prop('type', code('"string"')),
          ),
        ),
      ),
    },
  },
  {
    decision: 'value of an imported type: its local name, and no runtime type check in the config',
    given: signup([
      {
        kind: 'value',
        key: 'customer',
        required: true,
        type: { kind: 'import', name: 'Customer', from: './models.js' },
      },
    ]),
    want: {
      contextMembers: [{ name: 'customer', type: 'Customer' }],
      contextInputMembers: [{ name: 'customer', type: 'Customer' }],
      configContext: object(
        prop('customer', object(prop('kind', code('"value"')), prop('required', code('true')))),
      ),
    },
  },
  {
    decision: 'optional function or conditional type: parenthesised before `| undefined`',
    given: signup([
      {
        kind: 'value',
        key: 'callback',
        required: false,
        type: { kind: 'text', text: '(id: string) => void' },
      },
      {
        kind: 'value',
        key: 'pick',
        required: false,
        type: { kind: 'text', text: 'string extends infer T ? T : never' },
      },
      { kind: 'value', key: 'plain', required: false, type: { kind: 'text', text: "'a' | 'b'" } },
    ]),
    want: {
      contextMembers: [
        { name: 'callback?', type: '((id: string) => void) | undefined' },
        { name: 'pick?', type: '(string extends infer T ? T : never) | undefined' },
        { name: 'plain?', type: "'a' | 'b' | undefined" },
      ],
    },
  },
  {
    decision:
      'schema entry: its output type for handlers, its input type for callers, the constant in the config',
    given: signup(
      [{ kind: 'schema', key: 'profile', required: true, schema: 'Profile' }],
      ['Profile'],
    ),
    want: {
      contextMembers: [{ name: 'profile', type: 'SchemaOutput<typeof Profile>' }],
      contextInputMembers: [{ name: 'profile', type: 'SchemaInput<typeof Profile>' }],
      contextOption: REQUIRED_OPTION,
      configContext: object(
        prop(
          'profile',
          object(
            prop('kind', code('"schema"')),
            prop('required', code('true')),
            prop('schema', code('Profile')),
          ),
        ),
      ),
    },
  },
  {
    decision: "primary model's instance: in the context, never in the input (`load` continues it)",
    given: signup([
      { kind: 'instance', key: 'order', required: true, model: 'Order', createdIn: 'New' },
    ]),
    want: {
      contextMembers: [{ name: 'order', type: 'Order' }],
      contextInputMembers: [],
      contextOption: OPTIONAL_OPTION,
      configContext: object(
        prop(
          'order',
          object(
            prop('kind', code('"instance"')),
            prop('required', code('true')),
            prop('model', code('"Order"')),
            prop('createdIn', code('"New"')),
          ),
        ),
      ),
    },
  },
  {
    decision: "another model's instance: optional in the input even when the context requires it",
    given: signup([
      { kind: 'instance', key: 'payment', required: true, model: 'Payment', createdIn: 'New' },
    ]),
    want: {
      contextMembers: [{ name: 'payment', type: 'Payment' }],
      contextInputMembers: [{ name: 'payment?', type: 'Payment | undefined' }],
      contextOption: OPTIONAL_OPTION,
    },
  },
  {
    decision: 'entry order: members and config follow the declaration order of the context',
    given: signup([
      { kind: 'value', key: 'zeta', required: false, type: { kind: 'text', text: 'number' } },
      { kind: 'value', key: 'alpha', required: false, type: { kind: 'text', text: 'boolean' } },
    ]),
    want: {
      contextMembers: [
        { name: 'zeta?', type: 'number | undefined' },
        { name: 'alpha?', type: 'boolean | undefined' },
      ],
    },
  },
];

describe('module view: context', () => {
  it.each(cases)('$decision', (viewCase) => {
    expect(fieldsNamedBy(viewCase)).toStrictEqual(viewCase.want);
  });
});
