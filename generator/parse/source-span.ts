import type { Node, SourceFile } from 'ts-morph';
import { ts } from './ts-morph-values.js';
import type { SourceSpan } from '../diagnostics/diagnostic.js';

/** The span of a node, without its leading trivia. */
export function spanOfNode(node: Node): SourceSpan {
  return spanOfRange(node.getSourceFile(), node.getStart(), node.getEnd());
}

/**
 * Uses the compiler's cached line map: ts-morph's getLineAndColumnAtPos rescans the text from the
 * start on every call, which adds up over every value of every definition.
 */
export function spanOfRange(sourceFile: SourceFile, start: number, end: number): SourceSpan {
  const position = ts.getLineAndCharacterOfPosition(sourceFile.compilerNode, start);
  return {
    file: sourceFile.getFilePath(),
    line: position.line + 1,
    column: position.character + 1,
    start,
    end,
  };
}
