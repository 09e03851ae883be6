import type { ErrorObject } from "ajv";
import { fail, ok, type Result } from "../errors.js";
import { ajvFor, newAjv } from "./ajv.js";
import { META_SCHEMA_SPELLINGS, META_SCHEMA_URI } from "./draft.js";
import { isJsonObject } from "./json-value.js";
import { clip, errorAt, type SourceContext } from "./located.js";
import { joinPointer, parsePointer, pointerFromTokens } from "./pointer.js";
import type { LocalRef } from "./refs.js";
import type { Draft, Json } from "./types.js";
import { walkSchema } from "./walk.js";

/**
 * Validity beyond syntax: the draft's meta-schema (ajv's validateSchema), regular expressions as
 * ajv will compile them, and finally a real compile, which catches whatever the first two miss.
 */

const aliased = new Set<Draft>();

/**
 * ajv knows each meta-schema under the one URI it declares; documents also say http for https and
 * the reverse. Registering the other spellings as names of the same meta-schema lets validateSchema
 * and compile accept every spelling the draft detection accepts.
 */
function registerSpellings(draft: Draft): void {
  if (aliased.has(draft)) return;
  const ajv = ajvFor(draft);
  const meta = ajv.getSchema(META_SCHEMA_URI[draft])?.schema;
  if (meta && typeof meta === "object") {
    for (const spelling of META_SCHEMA_SPELLINGS[draft]) {
      if (!ajv.getSchema(spelling)) ajv.addMetaSchema(meta, spelling);
    }
  }
  aliased.add(draft);
}

/** A JSON Pointer from ajv (plain form, `/a/b`) as Accord writes pointers (`#/a/b`). */
function pointerFromAjv(instancePath: string): string {
  const tokens = parsePointer(instancePath);
  return tokens === undefined ? "#" : pointerFromTokens(tokens);
}

function describe(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  const message = error.message ?? `fails "${error.keyword}"`;
  if (error.keyword === "enum" && Array.isArray(params.allowedValues)) {
    return `${message}: ${clip(params.allowedValues.map((value) => (typeof value === "string" ? value : JSON.stringify(value))).join(", "))}`;
  }
  if (error.keyword === "additionalProperties" && typeof params.additionalProperty === "string") {
    return `${message} "${clip(params.additionalProperty)}"`;
  }
  return message;
}

/**
 * The error that says most: the deepest one (a failure inside `properties/id/type` explains more
 * than the `anyOf` that wraps it), and among those the first ajv reported, which is the innermost.
 */
function mostSpecific(errors: readonly ErrorObject[]): ErrorObject | undefined {
  let best: ErrorObject | undefined;
  for (const error of errors) {
    if (!best || error.instancePath.length > best.instancePath.length) best = error;
  }
  return best;
}

/** Validates the schema against its draft's meta-schema. */
export function checkMetaSchema(root: Json, draft: Draft, context: SourceContext): Result<true> {
  registerSpellings(draft);
  const ajv = ajvFor(draft);
  let valid: boolean;
  try {
    valid = ajv.validateSchema(root as object | boolean) === true;
  } catch (cause) {
    return fail(
      errorAt("ACCORD_ERR_SCHEMA_INVALID", context, "#", [`#: cannot be checked: ${causeText(cause)}`]),
    );
  }
  if (valid) return ok(true);
  const error = mostSpecific(ajv.errors ?? []);
  const pointer = pointerFromAjv(error?.instancePath ?? "");
  const reason = error ? describe(error) : "does not match the meta-schema";
  return fail(errorAt("ACCORD_ERR_SCHEMA_INVALID", context, pointer, [`${clip(pointer)}: ${reason}`]));
}

/** Why a RegExp source does not compile, from V8's message without the (possibly huge) pattern. */
function regexProblem(source: string): string | undefined {
  try {
    // ajv compiles `pattern` with the u flag (its unicodeRegExp default), which is stricter than
    // without: /[\w-.]/ compiles, /[\w-.]/u does not. Check the way ajv will run it.
    new RegExp(source, "u");
    return undefined;
  } catch (cause) {
    // Not clipped before matching: with a long pattern the reason is at the very end.
    const message = cause instanceof Error ? cause.message : String(cause);
    // "Invalid regular expression: /<pattern>/u: <reason>": the pattern may hold "/", the reason does not.
    const reason = /\/[a-z]*: ([^/]*)$/.exec(message)?.[1];
    return clip(reason ?? message, 200);
  }
}

/** Every `pattern` and `patternProperties` key must compile as ajv compiles it. */
export function checkPatterns(root: Json, context: SourceContext): Result<true> {
  let problem: ReturnType<typeof errorAt> | undefined;
  walkSchema<undefined>(root, undefined, ({ node, pointer, certain }) => {
    if (problem || !certain || !isJsonObject(node)) return undefined;
    const report = (at: string, reason: string): undefined => {
      problem = errorAt("ACCORD_ERR_SCHEMA_INVALID", context, at, [
        `${clip(at)}: invalid regular expression (${reason})`,
      ]);
      return undefined;
    };
    if (typeof node.pattern === "string") {
      const reason = regexProblem(node.pattern);
      if (reason) return report(joinPointer(pointer, "pattern"), reason);
    }
    const patterns = node.patternProperties;
    if (isJsonObject(patterns)) {
      for (const key of Object.keys(patterns)) {
        const reason = regexProblem(key);
        if (reason) return report(joinPointer(pointer, "patternProperties", key), reason);
      }
    }
    return undefined;
  });
  return problem ? fail(problem) : ok(true);
}

/**
 * Compiles the schema to prove ajv can. Runs after the ref check, so ajv never looks outside the
 * document; anything it still refuses is reported as an invalid schema rather than thrown.
 */
export function checkCompiles(
  root: Json,
  draft: Draft,
  refs: readonly LocalRef[],
  context: SourceContext,
): Result<true> {
  const cause = compileAlone(root, draft);
  if (cause === undefined) return ok(true);
  const missing = (cause as { missingRef?: unknown }).missingRef;
  if (typeof missing === "string") {
    const ref = writtenRef(missing, refs);
    const pointer = ref?.pointer ?? "#";
    return fail(
      errorAt("ACCORD_ERR_SCHEMA_REF_UNRESOLVED", context, pointer, [clip(ref?.ref ?? missing), pointer]),
    );
  }
  return fail(
    errorAt("ACCORD_ERR_SCHEMA_INVALID", context, "#", [`#: ajv cannot compile it: ${causeText(cause)}`]),
  );
}

/**
 * The reference a MissingRefError is about. ajv names it resolved against its base URI, so a
 * relative reference is found by its ending; `""` and `#` (the root) are found by what they mean.
 */
function writtenRef(missing: string, refs: readonly LocalRef[]): LocalRef | undefined {
  return (
    refs.find((ref) => ref.ref === missing) ??
    refs.find((ref) => ref.ref !== "" && ref.ref !== "#" && missing.endsWith(ref.ref)) ??
    refs.find((ref) => ref.target === "#" && (missing === "" || missing === "#"))
  );
}

/** The name the document is registered under on its instance, so its root can be referenced. */
const COMPILE_KEY = "accord-loader://compile-check";

/**
 * Compiles on an ajv instance of the document's own (about a millisecond to make). Nothing a
 * previous document left in a shared instance (its `$id`, a half-built entry after a failure) can
 * change this outcome, and nothing of this document stays behind: a long-running process such as
 * the registry compiles unrelated schemas one after another.
 *
 * `allErrors`: with ajv's default (stop at the first error) the generated function nests one block
 * per property, inside the previous property's block, and a schema with a few thousand properties
 * overflows V8's parser ("Maximum call stack size exceeded"). Collecting every error makes the
 * blocks siblings, so the width of a schema no longer matters. The meta-schema was checked already.
 * Undefined when it compiles, else what ajv threw.
 */
function compileAlone(root: Json, draft: Draft): unknown {
  const ajv = newAjv(draft, { allErrors: true, validateSchema: false, code: { optimize: false } });
  try {
    ajv.addSchema(root as object | boolean, COMPILE_KEY);
    ajv.getSchema(COMPILE_KEY);
    return undefined;
  } catch (error) {
    return error;
  }
}

function causeText(cause: unknown): string {
  return clip(cause instanceof Error ? cause.message : String(cause), 200);
}
