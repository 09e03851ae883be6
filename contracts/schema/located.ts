import { type AccordError, type AccordErrorCode, accordError, type ErrorLocation } from "../errors.js";
import type { Position } from "./text-position.js";

/** What the loader knows about where a document came from, for messages that point into it. */
export interface SourceContext {
  /** A label for messages: a file path, or `subject v3`. */
  readonly source: string;
  /** Line and column of the node at a pointer; absent when the document came without its text. */
  readonly locate?: (pointer: string) => Position | undefined;
}

/**
 * An error whose message starts `source:line:column` (or just `source` when the text is unknown)
 * and whose location carries the pointer too. `args` fill the template's placeholders after the first.
 */
export function errorAt(
  code: AccordErrorCode,
  context: SourceContext,
  pointer: string,
  args: readonly unknown[],
): AccordError {
  return errorAtPosition(code, context.source, context.locate?.(pointer), args, pointer);
}

/** The same for a known position, as in parse errors that have no pointer yet. */
export function errorAtPosition(
  code: AccordErrorCode,
  source: string,
  position: Position | undefined,
  args: readonly unknown[],
  pointer?: string,
): AccordError {
  const prefix = position ? `${source}:${position.line}:${position.column}` : source;
  const location: ErrorLocation = {
    file: source,
    ...(position ? { line: position.line, column: position.column } : {}),
    ...(pointer !== undefined ? { pointer } : {}),
  };
  return accordError(code, [prefix, ...args], location);
}

/**
 * Text from the document shown in a one-line message: control characters escaped (a `$ref` holding
 * a newline must not break the line) and long values cut, so a hostile megabyte string stays out.
 */
export function clip(text: string, max = 120): string {
  const cut = text.length > max ? `${text.slice(0, max)}…` : text;
  return cut.replace(/\p{Cc}/gu, (ch) => JSON.stringify(ch).slice(1, -1));
}
