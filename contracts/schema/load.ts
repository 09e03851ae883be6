import { fail, ok, type Result } from "../errors.js";
import { detectDraft } from "./draft.js";
import { checkJsonValue, isSchemaValue, MAX_NESTING_DEPTH } from "./json-value.js";
import { errorAt, type SourceContext } from "./located.js";
import { checkCompiles, checkMetaSchema, checkPatterns } from "./meta.js";
import { parseSchemaText } from "./parse.js";
import { pointerFromTokens } from "./pointer.js";
import { indexRefs } from "./refs.js";
import { DEFAULT_DRAFT, type Draft, type Json, type SchemaDocument } from "./types.js";

export interface LoadOptions {
  /** Draft for a document without `$schema`; draft-07 unless set. */
  readonly defaultDraft?: Draft;
  /**
   * Also compile the schema with ajv (default true). Compiling is most of the loader's cost, and it
   * adds little once the meta-schema, pattern and `$ref` checks have passed; bulk loaders (a whole
   * catalog) skip it, and ajv compiles a schema the first time something validates with it.
   */
  readonly compile?: boolean;
}

/**
 * Text (JSON or YAML) to a checked SchemaDocument: parsed, draft detected, valid against the draft's
 * meta-schema, every `$ref` local and resolving, compilable by ajv. Nothing is fetched, ever.
 * `source` labels messages (`orders/v2.yaml:4:7: ...`).
 */
export function loadSchema(text: string, source: string, options: LoadOptions = {}): Result<SchemaDocument> {
  const parsed = parseSchemaText(text, source);
  if (!parsed.ok) return parsed;
  return checkDocument(parsed.value.value, { source, locate: parsed.value.locate }, options);
}

/**
 * The same checks for a value already parsed elsewhere (a registry request body). There is no text,
 * so messages name JSON Pointers without lines, and the document has no `locate`.
 */
export function loadSchemaValue(
  value: Json,
  source: string,
  options: LoadOptions = {},
): Result<SchemaDocument> {
  const context: SourceContext = { source };
  const problem = checkJsonValue(value);
  if (problem) {
    const pointer = pointerFromTokens(problem.tokens);
    return fail(
      problem.kind === "too-deep"
        ? errorAt("ACCORD_ERR_SCHEMA_TOO_DEEP", context, pointer, [MAX_NESTING_DEPTH])
        : errorAt("ACCORD_ERR_SCHEMA_INVALID", context, pointer, [`${pointer}: ${problem.reason}`]),
    );
  }
  return checkDocument(value, context, options);
}

function typeName(value: Json): string {
  if (value === null) return "null";
  return Array.isArray(value) ? "an array" : `a ${typeof value}`;
}

function checkDocument(root: Json, context: SourceContext, options: LoadOptions): Result<SchemaDocument> {
  if (!isSchemaValue(root)) {
    return fail(
      errorAt("ACCORD_ERR_SCHEMA_INVALID", context, "#", [
        `#: a schema must be an object or a boolean, not ${typeName(root)}`,
      ]),
    );
  }
  const detected = detectDraft(root, options.defaultDraft ?? DEFAULT_DRAFT, context);
  if (!detected.ok) return detected;
  const { draft, assumed } = detected.value;

  const meta = checkMetaSchema(root, draft, context);
  if (!meta.ok) return meta;
  const patterns = checkPatterns(root, context);
  if (!patterns.ok) return patterns;
  const refs = indexRefs(root, draft, context);
  if (!refs.ok) return refs;
  if (options.compile !== false) {
    const compiles = checkCompiles(root, draft, refs.value, context);
    if (!compiles.ok) return compiles;
  }

  return ok({
    root,
    draft,
    draftAssumed: assumed,
    source: context.source,
    ...(context.locate ? { locate: context.locate } : {}),
  });
}
