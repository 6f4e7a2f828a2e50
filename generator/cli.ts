#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import module from 'node:module';
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import type { DiagramFormat } from './outputs/output-paths.js';
import { formatReport } from './format-report.js';
import { GENERATOR_VERSION } from './generator-version.js';
import { exitCodeOf, type GenerateReport } from './run/generate-report.js';
import { generate, type GenerateOptions } from './run.js';

const USAGE_ERROR = 2;

function readSource(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

function oneLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0] ?? '';
}

function failInternally(error: unknown): never {
  process.stderr.write(`smf-gen: internal error: ${oneLine(error)}\n`);
  process.exit(USAGE_ERROR);
}

function parseArguments(argv: readonly string[]) {
  return yargs(argv)
    .scriptName('smf-gen')
    .usage(
      '$0 [paths..]\n\nGenerate typed state-machine modules (*.machine.gen.ts) from *.machine.ts definitions.\npaths: definition files, folders (searched for *.machine.ts, skipping node_modules) or globs; default: the current folder.',
    )
    .option('check', {
      type: 'boolean',
      describe: 'Write nothing; exit 1 if a generated file is missing or stale',
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
      describe: 'Also write a state diagram beside each generated module',
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
    .fail((message, error) => {
      process.stderr.write(`smf-gen: ${message ?? oneLine(error)}\n`);
      process.stderr.write('Run `smf-gen --help` for usage.\n');
      process.exit(USAGE_ERROR);
    })
    .parseSync();
}

function print(report: GenerateReport, options: GenerateOptions, quiet: boolean): void {
  for (const problem of report.usageErrors) process.stderr.write(`smf-gen: ${problem}\n`);
  if (report.usageErrors.length > 0) return;
  const text = formatReport(report, {
    cwd: options.cwd,
    check: options.check ?? false,
    quiet,
    readSource,
  });
  if (text !== '') process.stdout.write(`${text}\n`);
}

async function main(): Promise<void> {
  const args = parseArguments(hideBin(process.argv));
  const options: GenerateOptions = {
    cwd: process.cwd(),
    paths: args._.map(String),
    check: args.check ?? false,
    outDir: args.outDir,
    diagram: args.diagram as DiagramFormat | undefined,
    force: args.force ?? false,
  };
  if (args.watch) {
    const { watchAndGenerate } = await import('./watch.js');
    let first = true;
    await watchAndGenerate(options, {
      onReport: (report) => {
        print(report, options, args.quiet ?? false);
        // Bad path arguments will not fix themselves: stop instead of watching nothing.
        if (first && report.usageErrors.length > 0) process.exit(USAGE_ERROR);
        first = false;
        process.stdout.write('Watching for changes (Ctrl+C to stop)...\n');
      },
      onFailure: (error) => process.stderr.write(`smf-gen: ${oneLine(error)}\n`),
    });
    return;
  }
  const report = await generate(options);
  print(report, options, args.quiet ?? false);
  process.exitCode = exitCodeOf(report);
}

// Node ≥ 22.1 caches compiled code (TypeScript's compiler is most of a cold start); a no-op on 20.
(module as { enableCompileCache?: () => unknown }).enableCompileCache?.();
process.on('uncaughtException', failInternally);
process.on('unhandledRejection', failInternally);
main().catch(failInternally);
