import type { Draft, Json, SchemaDocument } from "../../contracts/schema/types.js";

/**
 * The draft a test schema declares. Deliberately independent of the loader in contracts/schema, so
 * the compat tests do not depend on (or vouch for) its detection.
 */
export function detectDraft(root: Json): { draft: Draft; assumed: boolean } {
  if (root === null || typeof root !== "object" || Array.isArray(root))
    return { draft: "draft-07", assumed: true };
  const uri = root.$schema;
  if (uri === undefined) return { draft: "draft-07", assumed: true };
  if (typeof uri === "string") {
    if (uri.includes("draft-07")) return { draft: "draft-07", assumed: false };
    if (uri.includes("draft/2019-09")) return { draft: "2019-09", assumed: false };
    if (uri.includes("draft/2020-12")) return { draft: "2020-12", assumed: false };
  }
  throw new Error(`test schema declares an unsupported $schema: ${JSON.stringify(uri)}`);
}

export function schemaDocument(root: Json, source: string): SchemaDocument {
  const { draft, assumed } = detectDraft(root);
  return { root, draft, draftAssumed: assumed, source };
}
