import { fail, ok, type Result } from "../errors.js";
import { findJsonSyntaxError, jsonValueOffset } from "./json-text.js";
import { checkJsonValue, MAX_NESTING_DEPTH } from "./json-value.js";
import { errorAtPosition } from "./located.js";
import { parsePointer, pointerFromTokens } from "./pointer.js";
import { lineIndex, type Position } from "./text-position.js";
import type { Json } from "./types.js";
import { type ParsedYaml, parseYaml, type YamlProblem } from "./yaml-text.js";

export interface ParsedText {
  readonly value: Json;
  readonly format: "json" | "yaml";
  /** Line and column of the node at a JSON Pointer; positions are worked out on first use. */
  readonly locate: (pointer: string) => Position | undefined;
}

/**
 * Text to JSON data. Text whose first character is `{` or `[` goes to JSON.parse (fast, and most
 * schemas are JSON); everything else, and JSON-looking text that JSON.parse refuses in a file not
 * named `.json` (a YAML flow mapping such as `{type: object}`), goes to yaml.
 */
export function parseSchemaText(text: string, source: string): Result<ParsedText> {
  // A byte order mark is invisible in editors: dropping it keeps columns on line 1 as people see them.
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === "") {
    return fail(
      errorAtPosition("ACCORD_ERR_SCHEMA_PARSE", source, { line: 1, column: 1 }, ["the file is empty"]),
    );
  }
  const first = body.trimStart()[0];
  if (first !== "{" && first !== "[") return parseAsYaml(body, source);

  let value: Json;
  try {
    value = JSON.parse(body) as Json;
  } catch (cause) {
    if (!/\.json$/i.test(source)) {
      const yaml = parseYaml(body);
      if (yaml.ok) return ok(fromYaml(yaml.value));
      if (/\.ya?ml$/i.test(source)) return fail(yamlError(yaml.problem, body, source));
    }
    return fail(jsonError(body, source, cause));
  }
  const position = lineIndex(body);
  const locateTokens = (tokens: readonly string[]) => {
    const offset = jsonValueOffset(body, tokens);
    return offset === undefined ? undefined : position(offset);
  };
  // JSON.parse never overflows the stack, however deep the text; what comes after it might.
  // (The YAML path applies the same limit while converting.)
  const problem = checkJsonValue(value);
  if (problem) {
    return fail(
      errorAtPosition(
        "ACCORD_ERR_SCHEMA_TOO_DEEP",
        source,
        locateTokens(problem.tokens),
        [MAX_NESTING_DEPTH],
        pointerFromTokens(problem.tokens),
      ),
    );
  }
  return ok({ value, format: "json", locate: byPointer(locateTokens) });
}

function parseAsYaml(body: string, source: string): Result<ParsedText> {
  const yaml = parseYaml(body);
  return yaml.ok ? ok(fromYaml(yaml.value)) : fail(yamlError(yaml.problem, body, source));
}

function fromYaml(yaml: ParsedYaml): ParsedText {
  return { value: yaml.value, format: "yaml", locate: byPointer(yaml.locate) };
}

/**
 * Positions by pointer, each worked out once: a check asks for the same places again and again
 * (one change seen from every later version), and each answer scans the text from its start.
 */
function byPointer(locateTokens: (tokens: readonly string[]) => Position | undefined) {
  const known = new Map<string, Position | undefined>();
  return (pointer: string) => {
    if (known.has(pointer)) return known.get(pointer);
    const tokens = parsePointer(pointer);
    const position = tokens === undefined ? undefined : locateTokens(tokens);
    known.set(pointer, position);
    return position;
  };
}

function jsonError(body: string, source: string, cause: unknown): ReturnType<typeof errorAtPosition> {
  const problem = findJsonSyntaxError(body);
  const position = lineIndex(body);
  if (problem)
    return errorAtPosition("ACCORD_ERR_SCHEMA_PARSE", source, position(problem.offset), [problem.reason]);
  // JSON.parse refused text the scanner accepts: report what V8 said, at its position if it gave one.
  const message = cause instanceof Error ? cause.message : String(cause);
  const at = /at position (\d+)/.exec(message);
  return errorAtPosition("ACCORD_ERR_SCHEMA_PARSE", source, position(at ? Number(at[1]) : 0), [message]);
}

function yamlError(problem: YamlProblem, body: string, source: string): ReturnType<typeof errorAtPosition> {
  const position = lineIndex(body)(problem.offset);
  if (problem.kind === "too-deep") {
    return errorAtPosition("ACCORD_ERR_SCHEMA_TOO_DEEP", source, position, [MAX_NESTING_DEPTH]);
  }
  return errorAtPosition("ACCORD_ERR_SCHEMA_PARSE", source, position, [problem.reason]);
}
