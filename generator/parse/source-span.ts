import type { Node, SourceFile } from 'ts-morph';
import type { SourceSpan } from '../diagnostics.js';

/** The span of a node, without its leading trivia. */
export function spanOfNode(node: Node): SourceSpan {
  return spanOfRange(node.getSourceFile(), node.getStart(), node.getEnd());
}

export function spanOfRange(sourceFile: SourceFile, start: number, end: number): SourceSpan {
  const { line, column } = sourceFile.getLineAndColumnAtPos(start);
  return { file: sourceFile.getFilePath(), line, column, start, end };
}
