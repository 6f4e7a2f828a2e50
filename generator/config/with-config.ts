import type { DiagramFormat } from '../outputs/output-paths.js';
import type { GeneratorConfig } from './read-config.js';

interface CommandLineSettings {
  readonly paths?: readonly string[] | undefined;
  readonly outDir?: string | undefined;
  readonly diagram?: DiagramFormat | undefined;
}

/** What the command line asks, completed by the config: a path or flag given on it wins. */
export function withConfig<Options extends CommandLineSettings>(
  options: Options,
  config: GeneratorConfig,
): Options {
  return {
    ...options,
    paths: options.paths !== undefined && options.paths.length > 0 ? options.paths : config.paths,
    outDir: options.outDir ?? config.outDir,
    diagram: options.diagram ?? config.diagram,
  };
}
