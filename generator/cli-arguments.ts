import yargs from 'yargs';
import type { DiagramFormat } from './outputs/output-paths.js';
import { GENERATOR_VERSION } from './generator-version.js';
import type { GenerateOptions } from './run.js';

/** What the command line asks for. */
export type CliCommand =
  | { readonly kind: 'usage-error'; readonly message: string }
  /** `--help` or `--version`: print `text`, generate nothing. */
  | { readonly kind: 'print'; readonly text: string }
  | {
      readonly kind: 'generate';
      readonly options: Omit<GenerateOptions, 'cwd'>;
      readonly watch: boolean;
      readonly quiet: boolean;
    };

class UsageError extends Error {}

function oneLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0] ?? '';
}

function commandLine() {
  return yargs()
    .scriptName('smf-gen')
    .usage(
      '$0 [paths..]\n\nGenerate typed state-machine modules (*.machine.gen.ts) from *.machine.ts definitions.\npaths: definition files, folders (searched for *.machine.ts, skipping node_modules) or globs; default: the current folder.\nsmf-gen.config.json (or the "smf-gen" key of package.json) in the current folder may set paths, outDir and diagram; the command line overrides it.',
    )
    .option('check', {
      type: 'boolean',
      describe:
        'Write nothing; exit 1 if a generated file (module, or a diagram beside it) is missing or stale',
    })
    .option('watch', {
      type: 'boolean',
      describe: 'Regenerate when a definition (or a file beside it) changes',
    })
    .option('out-dir', {
      type: 'string',
      describe: 'Write generated files here, keeping their layout below each path argument',
    })
    .option('diagram', {
      choices: ['mermaid', 'dot'] as const,
      describe:
        'Also write a state diagram beside each generated module (diagrams already there are kept current without it)',
    })
    .option('force', {
      type: 'boolean',
      describe: 'Regenerate even when a header says the file is up to date',
    })
    .option('quiet', { type: 'boolean', describe: 'Print only diagnostics' })
    .conflicts('check', 'watch')
    .strictOptions()
    .version(GENERATOR_VERSION)
    .alias('version', 'v')
    .help()
    .alias('help', 'h')
    .wrap(100)
    .exitProcess(false)
    .fail((message, error) => {
      throw new UsageError(message ?? oneLine(error));
    });
}

/** Reads the arguments (without node and the script); never prints and never exits. */
export function parseArguments(argv: readonly string[]): CliCommand {
  // With a callback, yargs hands over the help or version text instead of printing it.
  let printed = '';
  try {
    const args = commandLine().parseSync([...argv], {}, (_error, _args, output) => {
      printed = output;
    });
    if (printed !== '') return { kind: 'print', text: printed };
    return {
      kind: 'generate',
      options: {
        paths: args._.map(String),
        check: args.check ?? false,
        outDir: args.outDir,
        diagram: args.diagram as DiagramFormat | undefined,
        force: args.force ?? false,
      },
      watch: args.watch ?? false,
      quiet: args.quiet ?? false,
    };
  } catch (error) {
    if (error instanceof UsageError) return { kind: 'usage-error', message: error.message };
    throw error;
  }
}
