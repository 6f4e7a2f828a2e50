import module from 'node:module';

// The process around runCli: the only place that reads process.argv and sets the exit code.

const INTERNAL_ERROR = 2;

function failInternally(error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`smf-gen: internal error: ${message.split('\n')[0] ?? ''}\n`);
  process.exit(INTERNAL_ERROR);
}

process.on('uncaughtException', failInternally);
process.on('unhandledRejection', failInternally);
// Node ≥ 22.1 caches compiled code (TypeScript's compiler is most of a cold start); a no-op on 20.
// Enabled before the CLI is imported, so the generator's own modules are cached too.
(module as { enableCompileCache?: () => unknown }).enableCompileCache?.();
const { runCli } = await import('./cli.js');
process.exitCode = await runCli(process.argv.slice(2));
