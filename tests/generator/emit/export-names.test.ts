import { describe, expect, it } from 'vitest';
import { exportNamesFor, upperSnakeCase } from '../../../generator/emit/export-names.js';

describe('upperSnakeCase', () => {
  it.each([
    ['Order', 'ORDER'],
    ['VendingMachine', 'VENDING_MACHINE'],
    ['HTTPRequest', 'HTTP_REQUEST'],
    ['LoanApplicationV2', 'LOAN_APPLICATION_V2'],
    ['Order2Fa', 'ORDER2_FA'],
    ['ABC', 'ABC'],
    ['XMLHttpRequest', 'XML_HTTP_REQUEST'],
  ])('%s → %s', (name, expected) => {
    expect(upperSnakeCase(name)).toBe(expected);
  });
});

describe('exportNamesFor', () => {
  it('gives the export names the README lists for a generated module', () => {
    expect(exportNamesFor('VendingMachine')).toEqual({
      statesConst: 'VENDING_MACHINE_STATES',
      stateType: 'VendingMachineState',
      startStateType: 'VendingMachineStartState',
      terminalStateType: 'VendingMachineTerminalState',
      transitionsInterface: 'VendingMachineTransitions',
      transitionsConst: 'VENDING_MACHINE_TRANSITIONS',
      edgesConst: 'VENDING_MACHINE_EDGES',
      timerTargetsInterface: 'VendingMachineTimerTargets',
      timersConst: 'VENDING_MACHINE_TIMERS',
      modelsInterface: 'VendingMachineModels',
      contextInterface: 'VendingMachineContext',
      contextInputInterface: 'VendingMachineContextInput',
      stateInstancesInterface: 'VendingMachineStateInstances',
      typesInterface: 'VendingMachineTypes',
      workflowType: 'VendingMachineWorkflow',
      machineConst: 'VendingMachineMachine',
    });
  });
});
