import { exportNamesFor } from '../../generator/emit/export-names.js';
import type { MachineModel } from '../../generator/definition/machine-model.js';

const handle = (state: string) => `in${state}`;

function notAState(model: MachineModel): string {
  const names = new Set(model.states.map((state) => state.name));
  let candidate = 'NotAState';
  while (names.has(candidate)) candidate += 'X';
  return candidate;
}

/**
 * A usage file for a generated module: every legal edge compiles, and every [from, to] pair that
 * is not an edge, a fresh workflow entering a non-start state and a non-state name are
 * `@ts-expect-error` lines, so tsc fails the moment one of them becomes legal.
 */
export function buildUsageFile(model: MachineModel, moduleSpecifier: string): string {
  const names = exportNamesFor(model.name);
  const states = model.states.map((state) => state.name);
  const bogus = notAState(model);
  const edges = model.states.flatMap((state) => state.to.map((to) => [state.name, to] as const));
  const forbidden = model.states.flatMap((state) =>
    states.filter((to) => !state.to.includes(to)).map((to) => [state.name, to] as const),
  );
  const starts = model.states.filter((state) => state.start).map((state) => state.name);
  const nonStarts = states.filter((state) => !starts.includes(state));
  const firstWithTargets = model.states.find((state) => state.to.length > 0);
  const hasTimers = model.states.some((state) => state.timers.length > 0);

  const legal = [
    ...starts.map((to) => [`fresh`, to] as const),
    ...edges.map(([from, to]) => [handle(from), to] as const),
  ];
  return [
    `// Type test for ${model.name}: built by tests/types/build-usage-file.ts (refresh with \`vitest -u\`).`,
    '// Each @ts-expect-error line must stay an error: tsc fails on one that is no longer needed.',
    "import type { FreshWorkflow, ORMAdapter } from 'state-machine-framework';",
    'import {',
    `  ${names.edgesConst},`,
    `  ${names.machineConst},`,
    `  ${names.statesConst},`,
    `  ${names.transitionsConst},`,
    ...(hasTimers ? [`  ${names.timersConst},`, `  type ${names.timerTargetsInterface},`] : []),
    `  type ${names.stateType},`,
    `  type ${names.transitionsInterface},`,
    `  type ${names.typesInterface},`,
    `  type ${names.workflowType},`,
    `} from '${moduleSpecifier}';`,
    '',
    `declare const fresh: FreshWorkflow<${names.typesInterface}>;`,
    `declare const loaded: ${names.workflowType};`,
    ...states.map((state) => `declare const ${handle(state)}: ${names.workflowType}<'${state}'>;`),
    '',
    `export const stateList: readonly ${names.stateType}[] = ${names.statesConst};`,
    `export const edgeList: readonly (readonly [${names.stateType}, ${names.stateType}])[] = ${names.edgesConst};`,
    ...model.states.map(
      (state) =>
        `export const targetsOf${state.name}: readonly ${names.transitionsInterface}['${state.name}'][] = ${names.transitionsConst}.${state.name};`,
    ),
    '',
    'export async function legalTransitions(): Promise<readonly unknown[]> {',
    ...legal.map(
      ([from, to], index) =>
        `  const step${index}: ${names.workflowType}<'${to}'> = await ${from}.transitionTo('${to}');`,
    ),
    ...(firstWithTargets === undefined
      ? []
      : [
          `  if (loaded.is('${firstWithTargets.name}')) await loaded.transitionTo('${firstWithTargets.to[0]}');`,
        ]),
    `  return [${legal.map((_, index) => `step${index}`).join(', ')}];`,
    '}',
    '',
    'export async function forbiddenTransitions(): Promise<void> {',
    ...forbidden.flatMap(([from, to]) => [
      `  // @ts-expect-error ${from} → ${to} is not an edge`,
      `  await ${handle(from)}.transitionTo('${to}');`,
    ]),
    ...nonStarts.flatMap((to) => [
      `  // @ts-expect-error a fresh workflow enters only a start state, not ${to}`,
      `  await fresh.transitionTo('${to}');`,
    ]),
    ...[handle(states[0] ?? ''), 'fresh'].flatMap((from) => [
      `  // @ts-expect-error ${bogus} is not a state`,
      `  await ${from}.transitionTo('${bogus}');`,
    ]),
    '}',
    '',
    ...loadedUsage(model),
    ...handlerInstancesUsage(model, names.machineConst),
    ...persistedHistoryUsage(model, names.machineConst, names.stateType, bogus),
    ...(hasTimers ? timersUsage(model, names.timersConst, names.timerTargetsInterface) : []),
    'export function unknownStateNames(): void {',
    `  // @ts-expect-error ${bogus} is not a state`,
    `  ${names.machineConst}.validator('${bogus}', () => undefined);`,
    `  // @ts-expect-error ${bogus} is not a state`,
    `  const state: ${names.stateType} = '${bogus}';`,
    '  void state;',
    '}',
    '',
  ].join('\n');
}

/** Targets legal from every state: all an unnarrowed loaded workflow may enter. */
function anyStateTargets(model: MachineModel): string[] {
  const [first, ...rest] = model.states;
  if (first === undefined) return [];
  return first.to.filter((target) => rest.every((state) => state.to.includes(target)));
}

/**
 * An unnarrowed loaded workflow rejects every target not legal from every state; narrowed by a
 * `switch` on its state it accepts that state's targets.
 */
function loadedUsage(model: MachineModel): string[] {
  const common = anyStateTargets(model);
  const others = model.states.map((state) => state.name).filter((name) => !common.includes(name));
  const cases = model.states.filter((state) => state.to.length > 0);
  return [
    'export async function loadedBeforeNarrowing(): Promise<void> {',
    ...common.map((to) => `  await loaded.transitionTo('${to}');`),
    ...others.flatMap((to) => [
      `  // @ts-expect-error ${to} is not a target of every state, so the loaded workflow must be narrowed first`,
      `  await loaded.transitionTo('${to}');`,
    ]),
    '  switch (loaded.state) {',
    ...cases.flatMap((state) => [
      `    case '${state.name}':`,
      `      await loaded.transitionTo('${state.to[0]}');`,
      '      break;',
    ]),
    '  }',
    '}',
    '',
  ];
}

/** A hook's instances hold the models its state maps; any other model may be missing. */
function handlerInstancesUsage(model: MachineModel, machineConst: string): string[] {
  const lines = ['export function handlerInstances(): void {'];
  for (const state of model.states) {
    for (const declared of model.models) {
      const read = `(instances) => instances.${declared.name}.${declared.identifierField}`;
      const mapped = state.values.some((value) => value.model === declared.name);
      if (!mapped) {
        lines.push(
          `  // @ts-expect-error ${state.name} does not map ${declared.name}, so it may not exist yet`,
        );
      }
      lines.push(`  ${machineConst}.hook('${state.name}', ${read});`);
    }
  }
  lines.push('}', '');
  return lines;
}

/** `history` entries carry the state union; `transitionTo` takes `{ metadata }` as its third argument. */
function persistedHistoryUsage(
  model: MachineModel,
  machineConst: string,
  stateType: string,
  bogus: string,
): string[] {
  const edge = model.states.find((state) => state.to.length > 0);
  return [
    'export async function persistedHistory(adapter: ORMAdapter): Promise<void> {',
    `  for (const entry of await ${machineConst}.history({ adapter, id: 1 })) {`,
    `    const to: ${stateType} = entry.to;`,
    `    const from: ${stateType} | null = entry.from;`,
    '    const step: [number, Date, unknown, unknown] = [entry.seq, entry.at, entry.results, entry.metadata];',
    '    void [to, from, step];',
    `    // @ts-expect-error ${bogus} is never a logged state`,
    `    if (entry.to === '${bogus}') return;`,
    '  }',
    ...(edge === undefined
      ? []
      : [
          `  await ${handle(edge.name)}.transitionTo('${edge.to[0]}', undefined, { metadata: { by: 'u1' } });`,
          '  // @ts-expect-error metadata is an object of who/why, not a string',
          `  await ${handle(edge.name)}.transitionTo('${edge.to[0]}', undefined, { metadata: 'u1' });`,
        ]),
    '}',
    '',
  ];
}

/**
 * The timer table is typed per state: its entries carry their milliseconds and their target as
 * literals, and a state that is not one of a state's timer targets does not fit its type.
 */
function timersUsage(model: MachineModel, timersConst: string, targetsInterface: string): string[] {
  const states = model.states.map((state) => state.name);
  return [
    'export function timerTables(): void {',
    ...model.states.flatMap((state) => {
      const targets = state.timers.map((timer) => timer.to);
      const targetType = `${targetsInterface}['${state.name}']`;
      return [
        `  void (${timersConst}.${state.name} satisfies readonly { readonly afterMs: number; readonly to: ${targetType} }[]);`,
        ...state.timers.map(
          (timer, index) =>
            `  void (${timersConst}.${state.name}[${index}].afterMs satisfies ${timer.afterMs});`,
        ),
        ...states
          .filter((to) => !targets.includes(to))
          .flatMap((to) => [
            `  // @ts-expect-error no timer of ${state.name} moves to ${to}`,
            `  void ('${to}' satisfies ${targetType});`,
          ]),
      ];
    }),
    '}',
    '',
  ];
}
