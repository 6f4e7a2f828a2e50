import type { ExportNames } from '../../templates/machine-module-view.js';

/** `VendingMachine` → `VENDING_MACHINE`, `HTTPRequest` → `HTTP_REQUEST`, `Order2Fa` → `ORDER2_FA`. */
export function upperSnakeCase(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z])([A-Z][a-z])/g, '$1_$2')
    .toUpperCase();
}

export function exportNamesFor(machineName: string): ExportNames {
  const constant = upperSnakeCase(machineName);
  return {
    statesConst: `${constant}_STATES`,
    stateType: `${machineName}State`,
    startStateType: `${machineName}StartState`,
    terminalStateType: `${machineName}TerminalState`,
    transitionsInterface: `${machineName}Transitions`,
    transitionsConst: `${constant}_TRANSITIONS`,
    edgesConst: `${constant}_EDGES`,
    timerTargetsInterface: `${machineName}TimerTargets`,
    timersConst: `${constant}_TIMERS`,
    modelsInterface: `${machineName}Models`,
    contextInterface: `${machineName}Context`,
    contextInputInterface: `${machineName}ContextInput`,
    stateInstancesInterface: `${machineName}StateInstances`,
    typesInterface: `${machineName}Types`,
    workflowType: `${machineName}Workflow`,
    machineConst: `${machineName}Machine`,
  };
}
