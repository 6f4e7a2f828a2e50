import type { ImportView, MachineModuleView, MemberView } from './machine-module-view.js';
import { printLiteral } from './print-literal.js';

function importLine(view: ImportView): string {
  return `${view.keyword} { ${view.bindings.join(', ')} } from ${view.specifier};`;
}

function interfaceBlock(name: string, members: readonly MemberView[]): string {
  const lines = members.map((member) => `  ${member.name}: ${member.type};`);
  return lines.length === 0
    ? `export interface ${name} {}`
    : `export interface ${name} {\n${lines.join('\n')}\n}`;
}

/** The generated `*.machine.gen.ts` module (before prettier). */
export function renderMachineModule(view: MachineModuleView): string {
  const { names, runtime } = view;
  return [
    ...view.headerLines.map((line) => `// ${line}`),
    ...view.imports.map(importLine),
    '',
    `export const ${names.statesConst} = ${printLiteral(view.stateList)} as const;`,
    `export type ${names.stateType} = ${view.stateUnion};`,
    `export type ${names.startStateType} = ${view.startUnion};`,
    `export type ${names.terminalStateType} = ${view.terminalUnion};`,
    '',
    interfaceBlock(names.transitionsInterface, view.transitionMembers),
    `export const ${names.transitionsConst} = ${printLiteral(view.transitionTable, 1)} as const;`,
    `export const ${names.edgesConst} = ${runtime.transitionEdges}(${names.transitionsConst}) as readonly (readonly [${names.stateType}, ${names.stateType}])[];`,
    ...(view.timers === undefined
      ? []
      : [
          '',
          interfaceBlock(names.timerTargetsInterface, view.timers.targetMembers),
          `export const ${names.timersConst} = ${printLiteral(view.timers.table, 1)} as const;`,
        ]),
    '',
    interfaceBlock(names.modelsInterface, view.modelMembers),
    interfaceBlock(names.contextInterface, view.contextMembers),
    interfaceBlock(names.contextInputInterface, view.contextInputMembers),
    interfaceBlock(names.stateInstancesInterface, view.stateInstanceMembers),
    interfaceBlock(names.typesInterface, [
      { name: 'state', type: names.stateType },
      { name: 'start', type: names.startStateType },
      { name: 'transitions', type: `Pick<${names.transitionsInterface}, ${names.stateType}>` },
      { name: 'anyStateTargets', type: view.anyStateTargets },
      { name: 'models', type: names.modelsInterface },
      { name: 'primaryModel', type: view.primaryModel },
      {
        name: 'stateInstances',
        type: `Pick<${names.stateInstancesInterface}, ${names.stateType}>`,
      },
      { name: 'context', type: names.contextInterface },
      { name: 'contextInput', type: names.contextInputInterface },
      { name: 'contextOption', type: view.contextOption },
    ]),
    `export type ${names.workflowType}<S extends ${names.stateType} = ${names.stateType}> = ${runtime.workflow}<${names.typesInterface}, S>;`,
    '',
    `export const ${names.machineConst} = ${runtime.createMachine}<${names.typesInterface}>(${printLiteral(view.machineConfig, 2)});`,
    '',
  ].join('\n');
}
