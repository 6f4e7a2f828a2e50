import { relative } from 'node:path';

export interface PlannedOutputs {
  readonly definitionFile: string;
  readonly outputPaths: readonly string[];
}

/** Two definitions that would write the same file (same name below different `--out-dir` roots). */
export function collidingOutputs(planned: readonly PlannedOutputs[], cwd: string): string[] {
  const owners = new Map<string, string>();
  const problems: string[] = [];
  const shown = (file: string) => relative(cwd, file);
  for (const item of planned) {
    for (const path of item.outputPaths) {
      const owner = owners.get(path);
      if (owner === undefined) owners.set(path, item.definitionFile);
      else {
        problems.push(
          `${shown(owner)} and ${shown(item.definitionFile)} would both write ${shown(path)}`,
        );
      }
    }
  }
  return problems;
}
