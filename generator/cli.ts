import { readFileSync } from 'node:fs';
import { parseArguments } from './cli-arguments.js';
import { readGeneratorConfig } from './config/read-config.js';
import { withConfig } from './config/with-config.js';
import { forgetFormatOptions } from './format/format-options.js';
import { formatReport } from './format-report.js';
import { exitCodeOf, type GenerateReport } from './run/generate-report.js';
import { generate, type GenerateOptions } from './run.js';

const USAGE_ERROR = 2;
const INTERNAL_ERROR = 2;

/** Where runCli prints; process.stdout and process.stderr fit. */
export interface TextOutput {
  write(text: string): unknown;
}

export interface CliIo {
  /** Paths and `--out-dir` are resolved against it; default `process.cwd()`. */
  readonly cwd?: string;
  /** Default `process.stdout`. */
  readonly stdout?: TextOutput;
  /** Default `process.stderr`. */
  readonly stderr?: TextOutput;
  /**
   * Stops `--watch`: runCli then resolves with 0 once a generation under way has finished.
   * Without it, `--watch` runs until the process ends.
   */
  readonly signal?: AbortSignal;
}

interface Output {
  readonly stdout: TextOutput;
  readonly stderr: TextOutput;
}

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

function print(
  report: GenerateReport,
  options: GenerateOptions,
  quiet: boolean,
  output: Output,
): void {
  for (const problem of report.usageErrors) output.stderr.write(`smf-gen: ${problem}\n`);
  if (report.usageErrors.length > 0) return;
  const text = formatReport(report, {
    cwd: options.cwd,
    check: options.check ?? false,
    quiet,
    readSource,
  });
  if (text !== '') output.stdout.write(`${text}\n`);
}

async function watch(
  options: GenerateOptions,
  quiet: boolean,
  output: Output,
  signal: AbortSignal | undefined,
): Promise<number> {
  const { watchAndGenerate } = await import('./watch.js');
  const stop = new AbortController();
  let exitCode = 0;
  let first = true;
  const onReport = (report: GenerateReport): void => {
    print(report, options, quiet, output);
    // Bad path arguments will not fix themselves: stop instead of watching nothing.
    if (first && report.usageErrors.length > 0) {
      exitCode = USAGE_ERROR;
      stop.abort();
      return;
    }
    first = false;
    output.stdout.write('Watching for changes (Ctrl+C to stop)...\n');
  };
  await watchAndGenerate(
    options,
    { onReport, onFailure: (error) => output.stderr.write(`smf-gen: ${oneLine(error)}\n`) },
    signal === undefined ? stop.signal : AbortSignal.any([signal, stop.signal]),
  );
  return exitCode;
}

/**
 * The smf-gen command, in-process: `argv` without node and the script. Prints only to `io`'s
 * streams and resolves with the exit code (0 done, 1 diagnostics or stale output, 2 usage or
 * internal error); it never exits the process.
 */
export async function runCli(argv: readonly string[], io: CliIo = {}): Promise<number> {
  const output: Output = {
    stdout: io.stdout ?? process.stdout,
    stderr: io.stderr ?? process.stderr,
  };
  try {
    const command = parseArguments(argv);
    if (command.kind === 'usage-error') {
      output.stderr.write(`smf-gen: ${command.message}\nRun \`smf-gen --help\` for usage.\n`);
      return USAGE_ERROR;
    }
    if (command.kind === 'print') {
      output.stdout.write(`${command.text}\n`);
      return 0;
    }
    const cwd = io.cwd ?? process.cwd();
    const config = await readGeneratorConfig(cwd);
    if (config.kind === 'invalid') {
      output.stderr.write(`smf-gen: ${config.message}\n`);
      return USAGE_ERROR;
    }
    const fromCommandLine: GenerateOptions = { ...command.options, cwd };
    const options =
      config.kind === 'found' ? withConfig(fromCommandLine, config.config) : fromCommandLine;
    if (command.watch) return await watch(options, command.quiet, output, io.signal);
    await forgetFormatOptions();
    const report = await generate(options);
    print(report, options, command.quiet, output);
    return exitCodeOf(report);
  } catch (error) {
    output.stderr.write(`smf-gen: internal error: ${oneLine(error)}\n`);
    return INTERNAL_ERROR;
  }
}
