import { isJsonObject, isSchemaValue } from "./json-value.js";
import { joinPointer } from "./pointer.js";
import type { Json } from "./types.js";
import { DATA_VALUED, SCHEMA_ARRAY_VALUED, SCHEMA_MAP_VALUED, SCHEMA_VALUED } from "./vocabulary.js";

/** Which places in a schema hold schemas: the keyword tables of vocabulary.ts. */

export interface SchemaVisit {
  /** An object or boolean schema, or (when uncertain) an object inside an unknown keyword. */
  readonly node: Json;
  readonly pointer: string;
  /**
   * False inside keywords Accord does not know (vendor extensions): the object may or may not be a
   * schema. Such objects are still visited so that a `$ref` in them is checked, never fetched.
   */
  readonly certain: boolean;
}

interface Frame<S> {
  readonly value: Json;
  readonly pointer: string;
  readonly certain: boolean;
  readonly state: S;
}

/**
 * Visits every schema position in document order. `enter` receives the state its parent returned
 * and returns the state for its children (the refs index uses it to carry the current `$id` scope).
 * A loop with an explicit stack: the walk ends on any tree, however deep.
 */
export function walkSchema<S>(root: Json, initial: S, enter: (visit: SchemaVisit, parent: S) => S): void {
  const work: Frame<S>[] = [{ value: root, pointer: "#", certain: true, state: initial }];
  while (work.length > 0) {
    const frame = work.pop() as Frame<S>;
    const { value, pointer, certain } = frame;
    if (Array.isArray(value)) {
      // Only reached when uncertain: arrays in schema positions are unpacked where they are found.
      for (let i = value.length - 1; i >= 0; i--) {
        const item = value[i] as Json;
        if (item !== null && typeof item === "object") {
          work.push({ value: item, pointer: joinPointer(pointer, i), certain: false, state: frame.state });
        }
      }
      continue;
    }
    if (!isSchemaValue(value)) continue;
    const state = enter({ node: value, pointer, certain }, frame.state);
    if (typeof value === "boolean") continue;
    const children: Frame<S>[] = [];
    const add = (child: Json | undefined, childPointer: string, childCertain: boolean) => {
      if (childCertain ? isSchemaValue(child) : child !== null && typeof child === "object") {
        children.push({ value: child as Json, pointer: childPointer, certain: childCertain, state });
      }
    };
    for (const key of Object.keys(value)) {
      const child = value[key];
      const at = joinPointer(pointer, key);
      if (DATA_VALUED.has(key)) continue;
      if (certain && (SCHEMA_VALUED.has(key) || SCHEMA_ARRAY_VALUED.has(key)) && Array.isArray(child)) {
        for (const [i, item] of child.entries()) add(item, joinPointer(at, i), true);
      } else if (certain && SCHEMA_VALUED.has(key)) {
        add(child, at, true);
      } else if (SCHEMA_MAP_VALUED.has(key) && isJsonObject(child)) {
        // The map itself is never visited: its keys are names, so a property named `$ref` is not a ref.
        for (const name of Object.keys(child)) add(child[name], joinPointer(at, name), certain);
      } else {
        add(child, at, false);
      }
    }
    for (let i = children.length - 1; i >= 0; i--) work.push(children[i] as Frame<S>);
  }
}
