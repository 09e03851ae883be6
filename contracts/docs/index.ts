/** Public entry of the docs model: build it from a catalog (or registry subjects), then render. */
export {
  type BuildDocsOptions,
  buildDocsModel,
  DEFAULT_TITLE,
  docsModelFromCatalog,
  UNTAGGED,
} from "./build.js";
export { fieldChanges } from "./changes.js";
export { fieldTable, flattenRows } from "./fields.js";
export { type GraphEdge, type GraphLayout, type GraphNode, layoutGraph, type NodeKind } from "./graph.js";
export { type SearchIndex, type SearchRow, searchIndex } from "./search.js";
export * from "./types.js";
