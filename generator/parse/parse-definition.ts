import path from 'node:path';
import type { Expression, ObjectLiteralExpression, SourceFile } from 'ts-morph';
import { Node, ts } from './ts-morph-values.js';
import type { Diagnostic, SourceSpan } from '../diagnostics/diagnostic.js';
import { diagnosticAt } from '../diagnostics/codes.js';
import type { DefinitionProject } from './definition-project.js';
import { collectDslImports, dslExportOfCallee, DSL_MODULE } from './dsl-imports.js';
import { readExpression } from './read-expression.js';
import { readObjectLiteral } from './read-object-literal.js';
import { recordSpan, unwrapExpression, type ReadContext } from './read-context.js';
import type { ParseResult } from '../definition/parse-result.js';
import { spanOfNode, spanOfRange } from './source-span.js';

/** A binary or non-TypeScript file yields one error per token; the first few say enough. */
const MAX_SYNTAX_ERRORS = 5;

const DEFINE_HINT = 'write `export default defineMachine({ name, models, states, context })`';

/** Reads the definition's default export statically: the user's file is never run. */
export function parseDefinition(file: string, definitionProject: DefinitionProject): ParseResult {
  const absolute = path.resolve(file);
  const { project, refused } = definitionProject;
  const tooDeep = refused.get(absolute);
  if (tooDeep !== undefined) return emptyResult(absolute, '', [tooDeep]);
  const sourceFile =
    project.getSourceFile(absolute) ?? project.addSourceFileAtPathIfExists(absolute);
  if (sourceFile === undefined) {
    const span = { file: absolute, line: 1, column: 1, start: 0, end: 0 };
    return emptyResult(absolute, '', [diagnosticAt('SMF100', span, 'cannot read the file')]);
  }
  const sourceText = sourceFile.getFullText();
  const syntaxErrors = syntaxDiagnostics(definitionProject, sourceFile);
  if (syntaxErrors.length > 0)
    return emptyResult(sourceFile.getFilePath(), sourceText, syntaxErrors);

  const context: ReadContext = {
    sourceFile,
    dslImports: collectDslImports(sourceFile),
    spans: new Map(),
    duplicateKeys: [],
    diagnostics: [],
  };
  const argument = findDefinitionArgument(sourceFile, context);
  const definition =
    argument === undefined
      ? undefined
      : readObjectLiteral(argument.object, [], context, readExpression);
  if (argument !== undefined)
    recordSpan(context, [], spanOfNode(argument.object), argument.calleeSpan);
  return {
    file: sourceFile.getFilePath(),
    sourceText,
    ...(definition === undefined ? {} : { definition }),
    spans: context.spans,
    duplicateKeys: context.duplicateKeys,
    diagnostics: context.diagnostics,
  };
}

interface DefinitionArgument {
  readonly object: ObjectLiteralExpression;
  readonly calleeSpan: SourceSpan;
}

/** The object literal of `export default defineMachine({...})`, or undefined (reported). */
function findDefinitionArgument(
  sourceFile: SourceFile,
  context: ReadContext,
): DefinitionArgument | undefined {
  const assignment = sourceFile
    .getExportAssignments()
    .find((candidate) => !candidate.isExportEquals());
  if (assignment === undefined) {
    reportMissingDefaultExport(sourceFile, context);
    return undefined;
  }
  const call = unwrapExpression(assignment.getExpression());
  const callee = Node.isCallExpression(call) ? call.getExpression() : undefined;
  if (!Node.isCallExpression(call) || callee === undefined || !isDefineMachine(callee, context)) {
    const importHint = `import it with \`import { defineMachine } from '${DSL_MODULE}'\``;
    const hint = callee?.getText() === 'defineMachine' ? importHint : DEFINE_HINT;
    const message = 'the default export is not a defineMachine({...}) call';
    context.diagnostics.push(diagnosticAt('SMF102', spanOfNode(call), message, hint));
    return undefined;
  }
  const [first, ...extra] = call.getArguments();
  const object =
    first !== undefined && Node.isExpression(first) ? unwrapExpression(first) : undefined;
  if (object === undefined || !Node.isObjectLiteralExpression(object) || extra.length > 0) {
    const message = 'defineMachine() takes exactly one object literal';
    context.diagnostics.push(
      diagnosticAt('SMF102', spanOfNode(first ?? call), message, DEFINE_HINT),
    );
    return undefined;
  }
  return { object, calleeSpan: spanOfNode(callee) };
}

function isDefineMachine(callee: Expression, context: ReadContext): boolean {
  return dslExportOfCallee(callee, context.dslImports) === 'defineMachine';
}

function reportMissingDefaultExport(sourceFile: SourceFile, context: ReadContext): void {
  const declaration = sourceFile.getDefaultExportSymbol()?.getDeclarations()[0];
  if (declaration !== undefined) {
    context.diagnostics.push(
      diagnosticAt(
        'SMF102',
        spanOfNode(declaration),
        'the default export is not a defineMachine({...}) call',
        DEFINE_HINT,
      ),
    );
    return;
  }
  context.diagnostics.push(
    diagnosticAt(
      'SMF101',
      spanOfRange(sourceFile, 0, 0),
      'the file has no default export',
      DEFINE_HINT,
    ),
  );
}

function syntaxDiagnostics(
  definitionProject: DefinitionProject,
  sourceFile: SourceFile,
): Diagnostic[] {
  const program = definitionProject.project.getProgram().compilerObject;
  const errors = program.getSyntacticDiagnostics(sourceFile.compilerNode);
  return errors.slice(0, MAX_SYNTAX_ERRORS).map((diagnostic) => {
    const start = diagnostic.start ?? 0;
    const span = spanOfRange(sourceFile, start, start + (diagnostic.length ?? 0));
    return diagnosticAt(
      'SMF100',
      span,
      ts.flattenDiagnosticMessageText(diagnostic.messageText, ' '),
    );
  });
}

function emptyResult(file: string, sourceText: string, diagnostics: Diagnostic[]): ParseResult {
  return { file, sourceText, spans: new Map(), duplicateKeys: [], diagnostics };
}
