import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import addFormatsModule from "ajv-formats";
import { type AccordError, type AccordErrorCode, fail, ok, type Result } from "../errors.js";
import { errorAtPosition } from "../schema/located.js";
import { parseSchemaText } from "../schema/parse.js";
import { instanceTokens, pointerFromTokens } from "../schema/pointer.js";
import type { Json } from "../schema/types.js";
import { closestWord } from "./suggest.js";
import type { Locator } from "./types.js";

/**
 * Reading a YAML settings file (accord.yaml, subject.yaml): parse, then check against its JSON
 * Schema, and turn the first problem into one line naming file:line:column and the key, in words a
 * person fixing a config file understands rather than ajv's.
 */

// ajv-formats is CommonJS; under NodeNext its default import is the module object.
const addFormats = addFormatsModule.default;

let settingsAjv: Ajv | undefined;

/**
 * Settings schemas compile on their own instance: messages need `verbose` (the failing schema, to
 * list known keys), which the shared per-draft instances do not pay for.
 */
export function compileSettingsSchema(schema: Record<string, unknown>): ValidateFunction {
  if (!settingsAjv) {
    settingsAjv = new Ajv({ allErrors: false, verbose: true, strict: false, addUsedSchema: false });
    addFormats(settingsAjv);
  }
  return settingsAjv.compile(schema);
}

export interface SettingsFile {
  readonly value: Record<string, Json>;
  readonly locate: Locator;
}

export function readSettingsFile(
  text: string,
  file: string,
  validate: ValidateFunction,
  code: AccordErrorCode,
  /** Runs before the schema, for problems the schema would describe less helpfully. */
  precheck?: (value: Record<string, Json>, locate: Locator) => AccordError | undefined,
): Result<SettingsFile> {
  // An empty settings file means "all defaults", which YAML itself reads as null.
  const parsed = text.trim() === "" ? undefined : parseSchemaText(text, file);
  if (parsed && !parsed.ok) return fail(recode(parsed.error, code));
  const value = parsed ? parsed.value.value : {};
  const locate: Locator = parsed ? parsed.value.locate : () => undefined;
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    return fail(errorAtPosition(code, file, locate("#"), ["must be a mapping of keys to values"], "#"));
  }
  const problem = precheck?.(value, locate) ?? checkSettings(value, file, locate, validate, code);
  return problem ? fail(problem) : ok({ value, locate });
}

/** Checks parsed settings against a schema; the first problem as an error pointing into the file. */
export function checkSettings(
  value: Json,
  file: string,
  locate: Locator,
  validate: ValidateFunction,
  code: AccordErrorCode,
): AccordError | undefined {
  if (validate(value)) return undefined;
  const error = pickError(validate.errors ?? []);
  return error ? describe(error, file, locate, code) : undefined;
}

/** A parse error keeps its position and reason but takes the settings file's own code. */
function recode(error: AccordError, code: AccordErrorCode): AccordError {
  const { location } = error;
  const prefix = location?.line
    ? `${location.file}:${location.line}:${location.column}`
    : (location?.file ?? "");
  const reason =
    prefix && error.message.startsWith(`${prefix}: `)
      ? error.message.slice(prefix.length + 2)
      : error.message;
  return errorAtPosition(
    code,
    location?.file ?? "",
    location?.line && location.column ? { line: location.line, column: location.column } : undefined,
    [reason],
    location?.pointer,
  );
}

/**
 * ajv reports every branch of a oneOf. The deepest error is the most specific; among equals, an
 * error from the branch whose type matches the value (`{severity: warn}` fails the object branch's
 * severity, not the string branch's enum) reads better than "must be a string" or "must match
 * exactly one schema".
 */
function pickError(errors: readonly ErrorObject[]): ErrorObject | undefined {
  // A bad rule id also fails the name's own enum; the propertyNames error is the one that says so.
  const badName = errors.find((error) => error.keyword === "propertyNames");
  if (badName) return badName;
  let best: ErrorObject | undefined;
  for (const error of errors) {
    if (!best) {
      best = error;
      continue;
    }
    const depth = error.instancePath.split("/").length;
    const bestDepth = best.instancePath.split("/").length;
    if (depth > bestDepth || (depth === bestDepth && rank(error) < rank(best))) best = error;
  }
  return best;
}

function rank(error: ErrorObject): number {
  if (error.keyword === "oneOf" || error.keyword === "anyOf") return 3;
  if (error.keyword === "type") return 2;
  if (error.keyword === "enum") {
    const allowed = ((error.params as { allowedValues?: unknown[] }).allowedValues ?? []) as unknown[];
    const kind = (value: unknown) =>
      value === null ? "null" : Array.isArray(value) ? "array" : typeof value;
    if (!allowed.some((value) => kind(value) === kind(error.data))) return 2;
  }
  return 0;
}

/** `lint.rules.x.severity`, `exceptions[0].expires`: how people name a key in a YAML file. */
export function keyPath(tokens: readonly string[]): string {
  let out = "";
  for (const token of tokens) {
    if (/^(?:0|[1-9][0-9]*)$/.test(token)) out += `[${token}]`;
    else out += out === "" ? token : `.${token}`;
  }
  return out;
}

function describe(error: ErrorObject, file: string, locate: Locator, code: AccordErrorCode): AccordError {
  const tokens = instanceTokens(error.instancePath);
  const params = error.params as Record<string, unknown>;
  let at = tokens;
  let reason: string;
  const parentProperties = () =>
    Object.keys(((error.parentSchema as { properties?: object } | undefined)?.properties ?? {}) as object);
  switch (error.keyword) {
    case "additionalProperties": {
      const key = String(params.additionalProperty);
      at = [...tokens, key];
      reason = `unknown key${hint(key, parentProperties())}`;
      break;
    }
    case "propertyNames": {
      const key = String(params.propertyName);
      at = [...tokens, key];
      const known = ((error.parentSchema as { propertyNames?: { enum?: string[] } }).propertyNames?.enum ??
        []) as string[];
      reason =
        known.length > 0
          ? `unknown rule id${hint(key, known)}`
          : "is not a rule id (rule ids are kebab-case)";
      break;
    }
    case "required":
      reason = `missing required key "${String(params.missingProperty)}"`;
      break;
    case "enum":
      // The first branch of a lint rule setting: the string form.
      reason = error.schemaPath.endsWith("/oneOf/0/enum")
        ? "must be error, warning, off, or a mapping with severity, ignore and the rule's options"
        : `must be one of ${((params.allowedValues as unknown[]) ?? []).map(String).join(", ")}`;
      break;
    case "const":
      reason = `must be ${JSON.stringify(params.allowedValue)}`;
      break;
    case "type":
      reason = `must be ${article(String(params.type))}`;
      break;
    case "minLength":
      reason = "must not be empty";
      break;
    case "format":
      reason =
        params.format === "date"
          ? "must be a date written YYYY-MM-DD"
          : `must be a valid ${String(params.format)}`;
      break;
    case "pattern":
      reason = `must match ${String(params.pattern)}`;
      break;
    case "uniqueItems":
      reason = `lists the same value twice (items ${String(params.j)} and ${String(params.i)})`;
      break;
    default:
      reason = error.message ?? `fails ${error.keyword}`;
  }
  const pointer = pointerFromTokens(at);
  const key = keyPath(at);
  return errorAtPosition(code, file, locate(pointer), [key === "" ? reason : `${key}: ${reason}`], pointer);
}

function hint(word: string, known: readonly string[]): string {
  const guess = closestWord(word, known);
  return guess ? ` "${word}" (did you mean "${guess}"?)` : ` "${word}"`;
}

function article(type: string): string {
  switch (type) {
    case "object":
      return "a mapping (key: value lines)";
    case "array":
      return "a list";
    case "integer":
      return "a whole number";
    case "boolean":
      return "true or false";
    default:
      return `a ${type}`;
  }
}
