import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { CompareOptions, Direction, Verdict } from "../../contracts/compat/types.js";
import { validatorFor } from "../../contracts/schema/ajv.js";
import { isJsonObject } from "../../contracts/schema/json-value.js";
import type { Draft, Json, SchemaDocument } from "../../contracts/schema/types.js";
import { schemaDocument } from "./schema-doc.js";

/** Ground truth for one direction when the expected verdict is `undetermined`: what is actually true. */
export type Truth = "compatible" | "incompatible";

/** One case of `test/fixtures/compat/<family>.json`. */
export interface CorpusCase {
  readonly description: string;
  readonly old: Json;
  readonly new: Json;
  readonly backward: Verdict;
  readonly forward: Verdict;
  /** Rule ids that must be among the findings (or undecided entries) of that direction. */
  readonly rules?: Partial<Record<Direction, readonly string[]>>;
  /** An event we believe valid under the writer and invalid under the reader, checked with ajv. */
  readonly witness?: Partial<Record<Direction, Json>>;
  /**
   * Where the expected verdict is `undetermined`, the truth if known: an engine that proves it
   * (compatible, or incompatible with a verified example) is right too; deciding wrongly never is.
   */
  readonly semantic?: Partial<Record<Direction, Truth>>;
  readonly options?: CompareOptions;
  /** Extra hand-picked instances for the sampling check of compatible directions. */
  readonly probes?: readonly Json[];
  /** Why the expectation is what it is, where that is a decision rather than plain semantics. */
  readonly note?: string;
}

export interface CorpusFamily {
  readonly file: string;
  readonly family: string;
  readonly cases: readonly CorpusCase[];
}

export const DIRECTIONS: readonly Direction[] = ["backward", "forward"];

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), "..", "fixtures", "compat");

/** Every family file, sorted by name so test order is stable. */
export function loadCorpus(): CorpusFamily[] {
  return readdirSync(FIXTURES)
    .filter((name) => name.endsWith(".json"))
    .sort()
    .map((file) => {
      const parsed = JSON.parse(readFileSync(join(FIXTURES, file), "utf8")) as {
        family: string;
        cases: CorpusCase[];
      };
      return { file, family: parsed.family, cases: parsed.cases };
    });
}

/** The documents a case compares, labelled for messages. */
export function caseDocuments(family: string, c: CorpusCase): { old: SchemaDocument; new: SchemaDocument } {
  return {
    old: schemaDocument(c.old, `${family}: ${c.description} (old)`),
    new: schemaDocument(c.new, `${family}: ${c.description} (new)`),
  };
}

/** The truth of one direction: the expected verdict, or for `undetermined` the known semantic answer. */
export function truthOf(c: CorpusCase, direction: Direction): Truth | undefined {
  const expected = c[direction];
  if (expected !== "undetermined") return expected;
  return c.semantic?.[direction];
}

/** Verdicts an engine may return for a direction without contradicting the ground truth. */
export function acceptableVerdicts(c: CorpusCase, direction: Direction): Verdict[] {
  const expected = c[direction];
  const truth = c.semantic?.[direction];
  return expected === "undetermined" && truth ? ["undetermined", truth] : [expected];
}

/** How two directions combine into FULL: a proven break wins, then any doubt, else compatible. */
export function combineVerdicts(a: Verdict, b: Verdict): Verdict {
  if (a === "incompatible" || b === "incompatible") return "incompatible";
  if (a === "undetermined" || b === "undetermined") return "undetermined";
  return "compatible";
}

// Only positions that describe a whole value of their own get closed: allOf parts, if, not,
// dependentSchemas and the like apply beside their parent, and closing them would change its meaning.
const SHAPE_MAPS = ["properties", "patternProperties", "$defs", "definitions"];
const SHAPE_SINGLES = ["items", "additionalItems", "additionalProperties"];
const SHAPE_LISTS = ["anyOf", "oneOf", "prefixItems", "items"];

/**
 * The writer as `writersEmitOnlyDeclared` sees it: every object schema that declares `properties`
 * and says nothing about `additionalProperties` becomes closed. Used to decide which instances a
 * writer may emit under that option.
 */
export function closeWriter(schema: Json): Json {
  if (!isJsonObject(schema)) return schema;
  const out: { [key: string]: Json } = {};
  for (const [key, value] of Object.entries(schema)) {
    if (SHAPE_MAPS.includes(key) && isJsonObject(value)) {
      out[key] = Object.fromEntries(Object.entries(value).map(([name, child]) => [name, closeWriter(child)]));
    } else if (SHAPE_LISTS.includes(key) && Array.isArray(value)) {
      out[key] = value.map(closeWriter);
    } else if (SHAPE_SINGLES.includes(key)) {
      out[key] = closeWriter(value);
    } else {
      out[key] = value;
    }
  }
  if (isJsonObject(out.properties) && !("additionalProperties" in out)) out.additionalProperties = false;
  return out;
}

export interface DirectionValidators {
  /** Whether the writer of this direction may emit the value (closed view under writersEmitOnlyDeclared). */
  readonly writerAccepts: (value: unknown) => boolean;
  readonly readerAccepts: (value: unknown) => boolean;
  readonly writer: SchemaDocument;
  readonly reader: SchemaDocument;
}

const closedCache = new WeakMap<object, Json>();

function closedView(root: Json): Json {
  if (root === null || typeof root !== "object") return root;
  let closed = closedCache.get(root);
  if (closed === undefined) {
    closed = closeWriter(root);
    closedCache.set(root, closed);
  }
  return closed;
}

/** The validator every check here uses: the engine's own shared ajv factory, so both judge alike. */
export function compileValidator(root: Json, draft: Draft): (value: unknown) => boolean {
  return validatorFor(root, draft);
}

/** ajv validators for the writer and reader of one direction (backward: old writes, new reads). */
export function validatorsFor(
  docs: { old: SchemaDocument; new: SchemaDocument },
  direction: Direction,
  options: CompareOptions = {},
): DirectionValidators {
  const writer = direction === "backward" ? docs.old : docs.new;
  const reader = direction === "backward" ? docs.new : docs.old;
  const writerRoot = options.writersEmitOnlyDeclared ? closedView(writer.root) : writer.root;
  return {
    writer,
    reader,
    writerAccepts: compileValidator(writerRoot, writer.draft),
    readerAccepts: compileValidator(reader.root, reader.draft),
  };
}
