import { instancePointer, parsePointer } from "../schema/pointer.js";
import type { Json } from "../schema/types.js";

/**
 * Where in a finding's example event the breaking value sits, as an RFC 6901 pointer into the
 * event (`/repository/is_template`, `""` for the whole event). The engine reports it as `at` where
 * it knows it; otherwise it is worked out from the schema pointers: the property names and item
 * positions they pass through, looked up in the example. Below a `definitions`/`$defs` entry the
 * schema pointer no longer says where in the event the definition is used, so the example is
 * searched for the first place where the rest of the path exists.
 */

/** Any property name, or any array position (`additionalProperties`, `items` without a tuple). */
const ANY = Symbol("any");
type Step = string | typeof ANY;

interface RelativePath {
  readonly steps: readonly Step[];
  /** False when the path starts inside a definition, which may be used anywhere in the event. */
  readonly fromRoot: boolean;
}

/** Keywords followed by a name or index that says nothing about the instance (`allOf/1`). */
const SKIP_NEXT = new Set(["allOf", "anyOf", "oneOf", "dependentSchemas", "dependencies"]);
/** Keywords that apply to the same instance as their parent schema. */
const SAME_INSTANCE = new Set(["not", "if", "then", "else", "$ref"]);
/** Keywords whose sub-schema applies to every member of an object or array. */
const ANY_MEMBER = new Set([
  "additionalProperties",
  "unevaluatedProperties",
  "additionalItems",
  "unevaluatedItems",
  "contains",
  "propertyNames",
]);

function relativePath(schemaPointer: string): RelativePath | undefined {
  const tokens = parsePointer(schemaPointer);
  if (!tokens) return undefined;
  let steps: Step[] = [];
  let fromRoot = true;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as string;
    const next = tokens[i + 1];
    if ((token === "definitions" || token === "$defs") && next !== undefined) {
      steps = [];
      fromRoot = false;
      i++;
    } else if (token === "properties" && next !== undefined) {
      steps.push(next);
      i++;
    } else if (token === "patternProperties" && next !== undefined) {
      steps.push(ANY);
      i++;
    } else if (
      (token === "items" || token === "prefixItems") &&
      next !== undefined &&
      /^[0-9]+$/.test(next)
    ) {
      steps.push(next);
      i++;
    } else if (token === "items" || ANY_MEMBER.has(token)) {
      steps.push(ANY);
    } else if (SKIP_NEXT.has(token)) {
      i++;
    } else if (!SAME_INSTANCE.has(token)) {
      // Any other keyword (`required`, `enum`, `maxLength`...) is the place that changed: stop.
      break;
    }
  }
  return { steps, fromRoot };
}

function isContainer(value: Json): value is Json[] | { [key: string]: Json } {
  return value !== null && typeof value === "object";
}

function children(value: Json): [string, Json][] {
  if (Array.isArray(value)) return value.map((item, index) => [String(index), item]);
  if (isContainer(value)) return Object.entries(value);
  return [];
}

/** The longest prefix of `steps` that exists below `node`: the tokens taken to get there. */
function deepestMatch(node: Json, steps: readonly Step[]): string[] {
  const step = steps[0];
  if (step === undefined) return [];
  let best: string[] | undefined;
  for (const [key, child] of children(node)) {
    if (step !== ANY && key !== step) continue;
    const below = [key, ...deepestMatch(child, steps.slice(1))];
    if (best === undefined || below.length > best.length) best = below;
    if (best.length === steps.length) break;
  }
  return best ?? [];
}

/** Nodes of the example, outermost first, each with the tokens that reach it. */
function* nodesOf(example: Json): Generator<{ node: Json; tokens: string[] }> {
  const queue: { node: Json; tokens: string[] }[] = [{ node: example, tokens: [] }];
  for (let head = 0; head < queue.length; head++) {
    const entry = queue[head] as { node: Json; tokens: string[] };
    yield entry;
    for (const [key, child] of children(entry.node)) {
      if (isContainer(child)) queue.push({ node: child, tokens: [...entry.tokens, key] });
    }
  }
}

function locate(example: Json, path: RelativePath): string[] {
  if (path.fromRoot) return deepestMatch(example, path.steps);
  if (path.steps.length === 0) return [];
  let best: string[] = [];
  let bestMatched = 0;
  for (const { node, tokens } of nodesOf(example)) {
    const matched = deepestMatch(node, path.steps);
    if (matched.length > bestMatched) {
      best = [...tokens, ...matched];
      bestMatched = matched.length;
      if (bestMatched === path.steps.length) break;
    }
  }
  return best;
}

export interface LocatableFinding {
  /** Set by an engine that knows where the example breaks. */
  readonly at?: unknown;
  readonly oldPath: string;
  readonly newPath: string;
}

/** What the reader's validator said at the breaking value, for engines that report it. */
export function readerSaysOf(finding: { readonly readerSays?: unknown }): { readerSays?: string } {
  return typeof finding.readerSays === "string" ? { readerSays: finding.readerSays } : {};
}

/** The instance path of the breaking value in `example`. */
export function breakingInstancePath(finding: LocatableFinding, example: Json): string {
  if (typeof finding.at === "string") return finding.at;
  let best: string[] = [];
  for (const pointer of [finding.newPath, finding.oldPath]) {
    const path = relativePath(pointer);
    if (!path) continue;
    const found = locate(example, path);
    if (found.length > best.length) best = found;
  }
  return instancePointer(best);
}
