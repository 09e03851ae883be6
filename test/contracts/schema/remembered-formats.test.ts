import { fullFormats } from "ajv-formats/dist/formats.js";
import { describe, expect, it } from "vitest";
import { ajvFor, rememberedFormatTest, validatorFor } from "../../../contracts/schema/ajv.js";
import type { Json } from "../../../contracts/schema/types.js";

const SAMPLES = [
  "",
  "https://example.com/a/b?c=d#e",
  "https://[::1]:8080/",
  "urn:uuid:6e8bc430-9c3a-11d9-9669-0800200c9a66",
  "not a uri",
  "/relative/path",
  "2026-12-05T02:01:20Z",
  "2026-02-30T25:00:00Z",
  "2026-12-05",
  "23:59:60Z",
  "a@example.com",
  "example.com",
  "6e8bc430-9c3a-11d9-9669-0800200c9a66",
  "https://api.github.com/repos/{owner}/{repo}",
  "^[a-z]+$",
  "(",
  "192.168.0.1",
  "::1",
];

/** ajv-formats' own answer, from its definition (a RegExp, a function or an object with validate). */
function ownAnswer(definition: unknown, value: string): boolean {
  if (definition instanceof RegExp) return definition.test(value);
  if (typeof definition === "function") return Boolean(definition(value));
  return ownAnswer((definition as { validate: unknown }).validate, value);
}

describe("remembered format tests", () => {
  it("answer as ajv-formats does for every string format, asked once or many times", () => {
    for (const [name, definition] of Object.entries(fullFormats)) {
      const test = rememberedFormatTest(name);
      const isNumberFormat =
        typeof definition === "object" && !(definition instanceof RegExp) && definition.type === "number";
      // Number formats, and the ones every string satisfies (`password`, `binary`), keep ajv's own.
      if (isNumberFormat || definition === true) {
        expect(test, name).toBeUndefined();
        continue;
      }
      expect(test, name).toBeDefined();
      for (const value of SAMPLES) {
        const expected = ownAnswer(definition, value);
        expect(test?.(value), `${name} ${JSON.stringify(value)}`).toBe(expected);
        expect(test?.(value), `${name} ${JSON.stringify(value)} again`).toBe(expected);
      }
    }
  });

  it("stand in only for ajv-formats' own definitions", () => {
    expect(rememberedFormatTest("uri", ajvFor("draft-07").formats.uri)).toBeDefined();
    expect(rememberedFormatTest("uri", /^x$/)).toBeUndefined();
    expect(rememberedFormatTest("no-such-format")).toBeUndefined();
  });

  it("keep validation and formatMinimum-style comparison as they were in compiled validators", () => {
    const schema: Json = {
      type: "object",
      properties: {
        link: { type: "string", format: "uri" },
        at: { type: "string", format: "date-time" },
      },
    };
    const validate = validatorFor(schema, "2020-12");
    expect(validate({ link: "https://example.com/x", at: "2026-12-05T02:01:20Z" })).toBe(true);
    expect(validate({ link: "not a uri" })).toBe(false);
    expect(validate({ at: "2026-02-30T25:00:00Z" })).toBe(false);
    const since = validatorFor({ type: "string", format: "date", formatMinimum: "2026-01-01" }, "draft-07");
    expect(since("2026-12-05")).toBe(true);
    expect(since("2025-12-31")).toBe(false);
  });
});
