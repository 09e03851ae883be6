import { isJsonObject } from "../../../contracts/schema/json-value.js";
import { joinPointer, parsePointer, resolvePointer } from "../../../contracts/schema/pointer.js";
import type { Draft, Json, JsonObject } from "../../../contracts/schema/types.js";
import {
  ANNOTATION_KEYWORDS,
  SCHEMA_ARRAY_VALUED,
  SCHEMA_MAP_VALUED,
  SCHEMA_VALUED,
} from "../../../contracts/schema/vocabulary.js";

/**
 * AsyncAPI tooling must read JSON Schema draft-07 (`application/schema+json;version=draft-07`), and
 * @asyncapi/parser reads nothing newer. Schemas written for 2019-09 or 2020-12 are therefore
 * rewritten into draft-07 spellings (`$defs` → `definitions`, `prefixItems` → `items` array,
 * `dependentRequired` → `dependencies`, anchors → pointers), and every local `$ref` is re-pointed
 * at where the schema now lives in the AsyncAPI document. Keywords draft-07 cannot express
 * (`unevaluatedProperties`, `minContains`, ...) are kept as `x-accord-<keyword>` so no information
 * is silently dropped, and listed in `lossy`. Schema-valued keywords of later drafts are
 * rewritten or renamed before the shared keyword tables (vocabulary.ts) are consulted.
 */

/** No draft-07 meaning: kept under an `x-accord-` name. */
const NO_EQUIVALENT = new Set([
  "unevaluatedProperties",
  "unevaluatedItems",
  "minContains",
  "maxContains",
  "contentSchema",
]);
const DROPPED = new Set(["$schema", "$anchor", "$dynamicAnchor", "$recursiveAnchor", "$vocabulary"]);

export interface Converted {
  readonly schema: Json;
  /** Keywords that draft-07 cannot express, as JSON Pointers in the original schema. */
  readonly lossy: readonly string[];
}

interface PendingRef {
  readonly holder: JsonObject;
  readonly ref: string;
}

/**
 * Converts `root` (of `draft`) for a document where it will sit at `base` (a JSON Pointer such as
 * `#/components/schemas/order-placed.v2/schema`).
 */
export function toDraft07(root: Json, draft: Draft, base: string): Converted {
  const moved = new Map<string, string>(); // original pointer → pointer relative to the new root
  const anchors = new Map<string, string>();
  const refs: PendingRef[] = [];
  const lossy: string[] = [];
  const rootId =
    isJsonObject(root) && typeof root.$id === "string" ? root.$id.replace(/#.*$/, "") : undefined;

  const convert = (node: Json, from: string, to: string): Json => {
    moved.set(from, to);
    if (!isJsonObject(node)) return node;
    if (typeof node.$anchor === "string") anchors.set(node.$anchor, from);
    if (typeof node.$id === "string" && node.$id.startsWith("#")) anchors.set(node.$id.slice(1), from);
    const out: JsonObject = {};
    let ownRef: string | undefined;
    const prefix = Array.isArray(node.prefixItems) ? node.prefixItems : undefined;

    for (const [key, value] of Object.entries(node)) {
      if (DROPPED.has(key)) continue;
      if (key === "$id") {
        // A non-fragment $id would rebase references inside the AsyncAPI document; fragments become pointers.
        continue;
      }
      if (key === "$ref" || key === "$dynamicRef" || key === "$recursiveRef") {
        if (typeof value === "string") ownRef = value;
        continue;
      }
      if (key === "$defs" || key === "definitions") {
        if (!isJsonObject(value)) continue;
        const defs = (isJsonObject(out.definitions) ? out.definitions : {}) as JsonObject;
        for (const [name, sub] of Object.entries(value)) {
          defs[name] = convert(sub, joinPointer(from, key, name), joinPointer(to, "definitions", name));
        }
        out.definitions = defs;
        continue;
      }
      if (key === "prefixItems" && Array.isArray(value)) {
        out.items = value.map((sub, i) =>
          convert(sub, joinPointer(from, key, i), joinPointer(to, "items", i)),
        );
        continue;
      }
      if (key === "items" && prefix && draft === "2020-12") {
        out.additionalItems = convert(value, joinPointer(from, key), joinPointer(to, "additionalItems"));
        continue;
      }
      if (key === "items" && Array.isArray(value)) {
        out.items = value.map((sub, i) =>
          convert(sub, joinPointer(from, key, i), joinPointer(to, "items", i)),
        );
        continue;
      }
      if (key === "dependentRequired" || key === "dependentSchemas") {
        if (!isJsonObject(value)) continue;
        const deps = (isJsonObject(out.dependencies) ? out.dependencies : {}) as JsonObject;
        for (const [name, sub] of Object.entries(value)) {
          deps[name] =
            key === "dependentSchemas"
              ? convert(sub, joinPointer(from, key, name), joinPointer(to, "dependencies", name))
              : sub;
        }
        out.dependencies = deps;
        continue;
      }
      if (key === "dependencies" && isJsonObject(value)) {
        const deps = (isJsonObject(out.dependencies) ? out.dependencies : {}) as JsonObject;
        for (const [name, sub] of Object.entries(value)) {
          deps[name] = Array.isArray(sub)
            ? sub
            : convert(sub, joinPointer(from, key, name), joinPointer(to, key, name));
        }
        out.dependencies = deps;
        continue;
      }
      if (NO_EQUIVALENT.has(key)) {
        lossy.push(joinPointer(from, key));
        out[`x-accord-${key}`] = value;
        continue;
      }
      if (SCHEMA_VALUED.has(key)) {
        out[key] = convert(value, joinPointer(from, key), joinPointer(to, key));
      } else if (SCHEMA_ARRAY_VALUED.has(key) && Array.isArray(value)) {
        out[key] = value.map((sub, i) => convert(sub, joinPointer(from, key, i), joinPointer(to, key, i)));
      } else if (SCHEMA_MAP_VALUED.has(key) && isJsonObject(value)) {
        const map: JsonObject = {};
        for (const [name, sub] of Object.entries(value)) {
          map[name] = convert(sub, joinPointer(from, key, name), joinPointer(to, key, name));
        }
        out[key] = map;
      } else {
        out[key] = value;
      }
    }
    if (ownRef !== undefined) {
      // From 2019-09 on, keywords beside $ref apply too; draft-07 ignores them. Moving the $ref into
      // allOf keeps both when anything beside it asserts.
      const asserts = Object.keys(out).some((k) => !ANNOTATION_KEYWORDS.has(k) && !k.startsWith("x-"));
      if (asserts && draft !== "draft-07") {
        const holder: JsonObject = {};
        out.allOf = [...(Array.isArray(out.allOf) ? out.allOf : []), holder];
        refs.push({ holder, ref: ownRef });
      } else {
        refs.push({ holder: out, ref: ownRef });
      }
    }
    return out;
  };

  const schema = convert(root, "#", "#");
  for (const { holder, ref } of refs) holder.$ref = rewrite(ref);
  return { schema, lossy };

  function rewrite(ref: string): string {
    let fragment = ref;
    if (!ref.startsWith("#")) {
      const hash = ref.indexOf("#");
      const resource = hash === -1 ? ref : ref.slice(0, hash);
      // Only a reference to this very schema by its $id can be re-pointed; the loader has already
      // refused everything else.
      if (rootId === undefined || resource !== rootId) return ref;
      fragment = hash === -1 ? "#" : ref.slice(hash);
    }
    const original =
      fragment === "#" || fragment.startsWith("#/") ? fragment : anchors.get(fragment.slice(1));
    if (original === undefined) return ref;
    const target = moved.get(normalise(original)) ?? normalise(original);
    return target === "#" ? base : `${base}${target.slice(1)}`;
  }

  function normalise(pointer: string): string {
    const tokens = parsePointer(pointer);
    return tokens === undefined || resolvePointer(root, pointer) === undefined
      ? pointer
      : joinPointer("#", ...tokens);
  }
}
