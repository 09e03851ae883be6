/** `format` as ajv-formats asserts it, per draft, so the engine and ajv agree on every string. */
import { ajvFor, formatTestOf, rememberedFormatTest } from "../schema/ajv.js";
import type { Draft } from "../schema/types.js";
import type { NormalizeOptions } from "./normalize.js";

type FormatDefinition =
  | RegExp
  | ((value: string) => boolean)
  | { validate?: unknown; async?: boolean; type?: string };

const checkers = new Map<Draft, NormalizeOptions>();

export function formatsFor(draft: Draft): NormalizeOptions {
  let checker = checkers.get(draft);
  if (!checker) {
    const formats = ajvFor(draft).formats as Record<string, FormatDefinition | undefined>;
    // ajv applies a format to the instance type its definition names (strings unless it says
    // "number", as int32/int64/float/double do); to any other type it is no constraint.
    const typeOf = (name: string) => {
      const definition = formats[name];
      if (definition === undefined) return undefined;
      return typeof definition === "object" && !(definition instanceof RegExp) && definition.type === "number"
        ? "number"
        : "string";
    };
    checker = {
      isKnownFormat: (name) => typeOf(name) === "string",
      isNumberFormat: (name) => typeOf(name) === "number",
      checkFormat: (name, value) => {
        if (typeOf(name) !== "string") return true;
        // ajv-formats' own definition answers through the shared memory of answers.
        const test = rememberedFormatTest(name, formats[name]) ?? formatTestOf(formats[name]);
        return test ? test(value) : true;
      },
    };
    checkers.set(draft, checker);
  }
  return checker;
}
