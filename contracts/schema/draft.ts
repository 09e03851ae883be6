import { fail, ok, type Result } from "../errors.js";
import { isJsonObject } from "./json-value.js";
import { clip, errorAt, type SourceContext } from "./located.js";
import type { Draft, Json } from "./types.js";

/** The meta-schema URI each draft publishes, as ajv registers it (no trailing `#`). */
export const META_SCHEMA_URI: Readonly<Record<Draft, string>> = {
  "draft-07": "http://json-schema.org/draft-07/schema",
  "2019-09": "https://json-schema.org/draft/2019-09/schema",
  "2020-12": "https://json-schema.org/draft/2020-12/schema",
};

/**
 * Every spelling of a draft's `$schema` Accord accepts, without the optional trailing `#`: people
 * write http and https for all three drafts, while each meta-schema declares only one of them.
 */
export const META_SCHEMA_SPELLINGS: Readonly<Record<Draft, readonly string[]>> = {
  "draft-07": ["http://json-schema.org/draft-07/schema", "https://json-schema.org/draft-07/schema"],
  "2019-09": ["https://json-schema.org/draft/2019-09/schema", "http://json-schema.org/draft/2019-09/schema"],
  "2020-12": ["https://json-schema.org/draft/2020-12/schema", "http://json-schema.org/draft/2020-12/schema"],
};

/** The draft a `$schema` value names, or undefined for anything Accord does not read. */
export function draftFromSchemaUri(uri: string): Draft | undefined {
  const bare = uri.endsWith("#") ? uri.slice(0, -1) : uri;
  for (const [draft, spellings] of Object.entries(META_SCHEMA_SPELLINGS) as [Draft, readonly string[]][]) {
    if (spellings.includes(bare)) return draft;
  }
  return undefined;
}

export interface DetectedDraft {
  readonly draft: Draft;
  /** True when there was no `$schema` and the default was used. */
  readonly assumed: boolean;
}

/** Reads `$schema` at the root; without one, the configured default applies (and is flagged as assumed). */
export function detectDraft(root: Json, defaultDraft: Draft, context: SourceContext): Result<DetectedDraft> {
  if (!isJsonObject(root) || !Object.hasOwn(root, "$schema")) {
    return ok({ draft: defaultDraft, assumed: true });
  }
  const declared = root.$schema;
  if (typeof declared !== "string") {
    return fail(
      errorAt("ACCORD_ERR_SCHEMA_INVALID", context, "#/$schema", [
        "#/$schema: must be a string (a meta-schema URI)",
      ]),
    );
  }
  const draft = draftFromSchemaUri(declared);
  if (!draft) {
    return fail(
      errorAt("ACCORD_ERR_SCHEMA_DRAFT_UNSUPPORTED", context, "#/$schema", [`"${clip(declared)}"`]),
    );
  }
  return ok({ draft, assumed: false });
}
