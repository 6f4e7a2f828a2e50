import { renderDotDiagram } from '../../templates/dot-diagram.js';
import { renderMachineModule } from '../../templates/machine-module.js';
import { renderMermaidDiagram } from '../../templates/mermaid-diagram.js';
import type { MachineModel } from '../definition/machine-model.js';
import { buildDiagramView } from './build-diagram-view.js';
import { buildModuleView } from './build-module-view.js';
import type { GeneratedStamp } from '../outputs/generated-header.js';
import {
  diagramOutputPath,
  moduleOutputPath,
  type DiagramFormat,
  type OutputLocation,
} from '../outputs/output-paths.js';

/** Absolute output path → file text. */
export type FileMap = ReadonlyMap<string, string>;

export interface EmitOptions {
  readonly location: OutputLocation;
  /** What the header records: the hash of the definition's sources and the generator version. */
  readonly stamp: GeneratedStamp;
  /** Prettier with the user's options for the output path (generator/format/). */
  readonly format: (text: string, outputFile: string) => Promise<string>;
  /** The diagrams to write beside the module, if any. */
  readonly diagrams?: readonly DiagramFormat[] | undefined;
}

const DIAGRAM_TEMPLATES = { mermaid: renderMermaidDiagram, dot: renderDotDiagram } as const;

/** Model → the files of one definition, formatted. Writes nothing. */
export async function emitMachine(model: MachineModel, options: EmitOptions): Promise<FileMap> {
  const { stamp } = options;
  const modulePath = moduleOutputPath(options.location);
  const moduleText = renderMachineModule(buildModuleView(model, modulePath, stamp));
  const files = new Map<string, string>([
    [modulePath, await options.format(moduleText, modulePath)],
  ]);
  for (const format of options.diagrams ?? []) {
    const diagramPath = diagramOutputPath(options.location, format);
    const render = DIAGRAM_TEMPLATES[format];
    files.set(diagramPath, render(buildDiagramView(model, format, diagramPath, stamp)));
  }
  return files;
}
