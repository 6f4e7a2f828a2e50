import { describe, expect, it } from 'vitest';
import type { MachineModuleView } from '../../templates/machine-module-view.js';
import { renderMachineModule } from '../../templates/machine-module.js';
import { array, code, object, prop } from '../support/literal-views.js';

// Every name and type below breaks the generator's conventions on purpose (names that no
// machine name gives, aliased runtime imports, a `<<...>>` type text): whatever the module says
// must come from the view.
const view: MachineModuleView = {
  headerLines: ['header one', 'header two'],
  imports: [
    {
      keyword: 'import',
      bindings: ['createMachine as cm', 'transitionEdges as te', 'type Workflow as Wf'],
      specifier: "'runtime-package'",
    },
    { keyword: 'import type', bindings: ['Item'], specifier: '"./models.js"' },
  ],
  names: {
    statesConst: 'S_LIST',
    stateType: 'SType',
    startStateType: 'SStart',
    terminalStateType: 'SEnd',
    transitionsInterface: 'STrans',
    transitionsConst: 'S_TRANS',
    edgesConst: 'S_EDGES',
    timerTargetsInterface: 'STimerTo',
    timersConst: 'S_TIMERS',
    modelsInterface: 'SModels',
    contextInterface: 'SCtx',
    contextInputInterface: 'SCtxIn',
    stateInstancesInterface: 'SInst',
    typesInterface: 'STypes',
    workflowType: 'SWf',
    machineConst: 'SMachine',
  },
  runtime: { createMachine: 'cm', transitionEdges: 'te', workflow: 'Wf' },
  stateList: array(code('"A"'), code('"B"')),
  stateUnion: '<<state union>>',
  startUnion: '<<start union>>',
  terminalUnion: '<<terminal union>>',
  transitionMembers: [
    { name: 'A', type: '<<A targets>>' },
    { name: '"B"', type: 'never' },
  ],
  transitionTable: object(prop('A', array(code('"B"'))), prop('"B"', array())),
  modelMembers: [{ name: 'Item', type: 'Item' }],
  primaryModel: '<<primary model>>',
  contextMembers: [{ name: 'note?', type: '<<note>>' }],
  contextInputMembers: [],
  anyStateTargets: '<<any state targets>>',
  stateInstanceMembers: [{ name: 'A', type: '{ Item: Item }' }],
  contextOption: '<<context option>>',
  machineConfig: object(
    prop('name', code('"S"')),
    prop('states', object(prop('A', object(prop('to', array(code('"B"'))))))),
    prop('context', object()),
  ),
};

describe('renderMachineModule fed a literal view', () => {
  it('prints the view into the module frame and decides nothing', () => {
    expect(renderMachineModule(view)).toMatchInlineSnapshot(`
      "// header one
      // header two
      import { createMachine as cm, transitionEdges as te, type Workflow as Wf } from 'runtime-package';
      import type { Item } from "./models.js";

      export const S_LIST = ["A", "B"] as const;
      export type SType = <<state union>>;
      export type SStart = <<start union>>;
      export type SEnd = <<terminal union>>;

      export interface STrans {
        A: <<A targets>>;
        "B": never;
      }
      export const S_TRANS = {
        A: ["B"],
        "B": [],
      } as const;
      export const S_EDGES = te(S_TRANS) as readonly (readonly [SType, SType])[];

      export interface SModels {
        Item: Item;
      }
      export interface SCtx {
        note?: <<note>>;
      }
      export interface SCtxIn {}
      export interface SInst {
        A: { Item: Item };
      }
      export interface STypes {
        state: SType;
        start: SStart;
        transitions: Pick<STrans, SType>;
        anyStateTargets: <<any state targets>>;
        models: SModels;
        primaryModel: <<primary model>>;
        stateInstances: Pick<SInst, SType>;
        context: SCtx;
        contextInput: SCtxIn;
        contextOption: <<context option>>;
      }
      export type SWf<S extends SType = SType> = Wf<STypes, S>;

      export const SMachine = cm<STypes>({
        name: "S",
        states: {
          A: { to: ["B"] },
        },
        context: {},
      });
      "
    `);
  });

  it('prints the timer interface and table after the edges when the view has timers', () => {
    const withTimers: MachineModuleView = {
      ...view,
      timers: {
        targetMembers: [
          { name: 'A', type: '<<A timer targets>>' },
          { name: '"B"', type: 'never' },
        ],
        table: object(
          prop('A', array(object(prop('afterMs', code('1000')), prop('to', code('"B"'))))),
          prop('"B"', array()),
        ),
      },
    };
    const printed = renderMachineModule(withTimers);

    expect(printed).toContain(
      [
        'export const S_EDGES = te(S_TRANS) as readonly (readonly [SType, SType])[];',
        '',
        'export interface STimerTo {',
        '  A: <<A timer targets>>;',
        '  "B": never;',
        '}',
        'export const S_TIMERS = {',
        '  A: [{ afterMs: 1000, to: "B" }],',
        '  "B": [],',
        '} as const;',
        '',
        'export interface SModels {',
      ].join('\n'),
    );
    expect(renderMachineModule(view)).not.toContain('STimerTo');
    expect(printed.replace(/\nexport interface STimerTo[^]*?as const;\n/, '')).toBe(
      renderMachineModule(view),
    );
  });
});
