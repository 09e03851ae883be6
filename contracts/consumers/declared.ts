import { isJsonObject } from "../schema/json-value.js";
import { joinPointer, resolvePointer } from "../schema/pointer.js";
import type { LocalRef } from "../schema/refs.js";
import type { Json } from "../schema/types.js";
import { EVERY } from "./reads.js";

/**
 * Whether a version declares a read path: each step is a property named in `properties`, matched by
 * `patternProperties` or given by a schema-valued `additionalProperties` (a map), or `*` over array
 * items or map values, in the node itself or in any schema it is combined with (`$ref`, `allOf`,
 * `anyOf`, `oneOf`, `then`, `else`, `dependentSchemas`). A name an open object merely allows is
 * not declared: reading it would rely on nothing the producer promised.
 */
export function declaresPath(root: Json, refs: readonly LocalRef[], tokens: readonly string[]): boolean {
  const targets = new Map(refs.map((ref) => [ref.pointer, ref.target]));
  const seen = new Set<string>();

  const declared = (node: Json | undefined, pointer: string, step: number): boolean => {
    if (step === tokens.length) return true;
    if (!isJsonObject(node)) return false;
    const key = `${pointer}\u0000${step}`;
    if (seen.has(key)) return false;
    seen.add(key);
    const at = (...path: (string | number)[]) => joinPointer(pointer, ...path);
    const into = (path: (string | number)[]) =>
      declared(resolvePointer(node, joinPointer("#", ...path)), at(...path), step + 1);
    const alongside = (path: (string | number)[]) =>
      declared(resolvePointer(node, joinPointer("#", ...path)), at(...path), step);

    const token = tokens[step] as string;
    const properties = isJsonObject(node.properties) ? node.properties : {};
    const patterns = isJsonObject(node.patternProperties) ? Object.keys(node.patternProperties) : [];
    const mapValues = isJsonObject(node.additionalProperties);
    if (token === EVERY) {
      if (Array.isArray(node.prefixItems) && node.prefixItems.some((_, i) => into(["prefixItems", i])))
        return true;
      if (Array.isArray(node.items) && node.items.some((_, i) => into(["items", i]))) return true;
      if (isJsonObject(node.items) && into(["items"])) return true;
      if (isJsonObject(node.additionalItems) && into(["additionalItems"])) return true;
      if (patterns.some((pattern) => into(["patternProperties", pattern]))) return true;
      if (mapValues && into(["additionalProperties"])) return true;
    } else {
      if (Object.hasOwn(properties, token) && into(["properties", token])) return true;
      const matching = patterns.filter((pattern) => new RegExp(pattern, "u").test(token));
      if (matching.some((pattern) => into(["patternProperties", pattern]))) return true;
      if (
        !Object.hasOwn(properties, token) &&
        matching.length === 0 &&
        mapValues &&
        into(["additionalProperties"])
      )
        return true;
    }

    const target = targets.get(at("$ref"));
    if (target !== undefined && declared(resolvePointer(root, target), target, step)) return true;
    for (const keyword of ["allOf", "anyOf", "oneOf"]) {
      const branches = node[keyword];
      if (Array.isArray(branches) && branches.some((_, i) => alongside([keyword, i]))) return true;
    }
    if (alongside(["then"]) || alongside(["else"])) return true;
    const dependent = isJsonObject(node.dependentSchemas) ? Object.keys(node.dependentSchemas) : [];
    return dependent.some((name) => alongside(["dependentSchemas", name]));
  };

  return declared(root, "#", 0);
}
