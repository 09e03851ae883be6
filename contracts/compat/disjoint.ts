/**
 * Conservative disjointness: true only when no value can match both schemas. Used to tell a
 * oneOf whose branches never overlap (then it means anyOf) from one that rejects the overlap.
 */
import type { Branch, Normal, NumberBranch } from "./normal-form.js";
import { valueKey } from "./values.js";

const MAX_DEPTH = 4;

export function areDisjoint(a: Normal, b: Normal, depth = 0): boolean {
  return a.branches.every((left) => b.branches.every((right) => branchesDisjoint(left, right, depth)));
}

function branchesDisjoint(left: Branch, right: Branch, depth: number): boolean {
  if (left.type !== right.type) return true;
  if (left.values && right.values) {
    const keys = new Set(right.values.map(valueKey));
    return !left.values.some((v) => keys.has(valueKey(v)));
  }
  if (left.type === "number") return numbersDisjoint(left, right as NumberBranch);
  if (left.type === "object" && right.type === "object" && depth < MAX_DEPTH) {
    // A discriminator: a property both require whose schemas share no value.
    for (const name of left.required) {
      if (!right.required.has(name)) continue;
      const leftSchema = left.properties.get(name);
      const rightSchema = right.properties.get(name);
      if (leftSchema && rightSchema && areDisjoint(leftSchema.get(), rightSchema.get(), depth + 1))
        return true;
    }
  }
  return false;
}

function numbersDisjoint(left: NumberBranch, right: NumberBranch): boolean {
  return below(left, right) || below(right, left);
}

/** Every value of `low` is under every value of `high`. */
function below(low: NumberBranch, high: NumberBranch): boolean {
  if (!low.max || !high.min) return false;
  if (low.max.value < high.min.value) return true;
  return low.max.value === high.min.value && (low.max.exclusive || high.min.exclusive);
}
