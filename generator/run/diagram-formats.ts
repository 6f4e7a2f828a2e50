import { stat } from 'node:fs/promises';
import {
  DIAGRAM_FORMATS,
  diagramOutputPath,
  type DiagramFormat,
  type OutputLocation,
} from '../outputs/output-paths.js';

async function isFile(path: string): Promise<boolean> {
  return stat(path).then(
    (info) => info.isFile(),
    () => false,
  );
}

/**
 * The diagrams a definition's outputs include: the one `--diagram` asks for, and every diagram
 * already written beside its module, so a plain run keeps those current and `--check` checks them.
 */
export async function diagramFormatsFor(
  location: OutputLocation,
  asked: DiagramFormat | undefined,
): Promise<DiagramFormat[]> {
  const present = await Promise.all(
    DIAGRAM_FORMATS.map((format) => isFile(diagramOutputPath(location, format))),
  );
  return DIAGRAM_FORMATS.filter((format, index) => format === asked || present[index]);
}
