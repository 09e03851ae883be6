import type { Locator } from "../catalog/types.js";
import { parsePointer, pointerFromTokens } from "../schema/pointer.js";

/**
 * The position of a pointer, or of its nearest ancestor that exists: a finding about a removed
 * property points at the object it was removed from, which is where a reader looks.
 */
export function locateNearest(
  locate: Locator | undefined,
  pointer: string,
): { line: number; column: number } | undefined {
  if (!locate) return undefined;
  const tokens = parsePointer(pointer);
  if (!tokens) return locate("#");
  for (let length = tokens.length; length >= 0; length--) {
    const found = locate(pointerFromTokens(tokens.slice(0, length)));
    if (found) return found;
  }
  return undefined;
}
