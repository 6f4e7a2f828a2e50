import type { Diagnostic } from './diagnostics/diagnostic.js';
import {
  displayPath,
  formatDiagnostic,
  formatDiagnosticSummary,
} from './diagnostics/format-diagnostic.js';
import { isOutOfDate, type GenerateReport, type OutputStatus } from './run/generate-report.js';

export interface ReportFormatting {
  readonly cwd: string;
  readonly check: boolean;
  /** Only diagnostics and check problems; no per-file lines or counts. */
  readonly quiet: boolean;
  /** Source text of a file named by a diagnostic, for its code frame. */
  readonly readSource: (file: string) => string | undefined;
}

function count(report: GenerateReport, statuses: readonly OutputStatus[]): number {
  return report.definitions
    .flatMap((definition) => definition.outputs)
    .filter((output) => statuses.includes(output.status)).length;
}

function plural(total: number, noun: string): string {
  return `${total} ${noun}${total === 1 ? '' : 's'}`;
}

/** A plain run skips an edited file (its header is current), so only --force rewrites it. */
function outdatedAdvice(report: GenerateReport): string {
  return count(report, ['edited']) === 0
    ? 'missing or stale: run `npx smf-gen`'
    : 'missing, stale or edited since generated: run `npx smf-gen --force`';
}

function countsLine(report: GenerateReport, check: boolean): string {
  const definitions = plural(report.definitions.length, 'definition');
  const failed = report.definitions.filter((definition) => definition.outputs.length === 0).length;
  const withErrors =
    failed > 0
      ? `; ${plural(failed, 'definition')} with errors, nothing written for ${failed === 1 ? 'it' : 'them'}`
      : '';
  if (check) {
    const outdated = count(report, ['stale', 'edited', 'missing']);
    const verdict =
      outdated === 0
        ? `${plural(count(report, ['current']), 'generated file')} up to date`
        : `${plural(outdated, 'generated file')} ${outdatedAdvice(report)}`;
    return `smf-gen --check: ${definitions}, ${verdict}${withErrors}.`;
  }
  const written = count(report, ['written']);
  const unchanged = count(report, ['unchanged', 'up-to-date']);
  return `smf-gen: ${definitions}, ${written} written, ${unchanged} unchanged${withErrors}.`;
}

/** The text the CLI prints for a run: diagnostics, file lines and a summary. */
export function formatReport(report: GenerateReport, formatting: ReportFormatting): string {
  const { cwd } = formatting;
  const lines: string[] = [];
  const diagnostics: Diagnostic[] = report.definitions.flatMap(
    (definition) => definition.diagnostics,
  );
  for (const diagnostic of diagnostics) {
    lines.push(formatDiagnostic(diagnostic, cwd, formatting.readSource(diagnostic.file)), '');
  }
  for (const output of report.definitions.flatMap((definition) => definition.outputs)) {
    const path = displayPath(cwd, output.path);
    if (isOutOfDate(output.status)) lines.push(`${output.status}: ${path}`);
    else if (output.status === 'written' && !formatting.quiet) lines.push(`wrote ${path}`);
  }
  const summary = formatDiagnosticSummary(diagnostics);
  if (summary !== undefined) lines.push(summary);
  if (!formatting.quiet) lines.push(countsLine(report, formatting.check));
  return lines.join('\n');
}
