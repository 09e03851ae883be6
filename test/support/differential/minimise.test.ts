import { describe, expect, it } from "vitest";
import type { Json } from "../../../contracts/schema/types.js";
import { minimise, simplifications } from "./minimise.js";

const has = (value: Json, key: string): boolean =>
  value !== null &&
  typeof value === "object" &&
  (Object.hasOwn(value, key) || Object.values(value).some((child) => has(child, key)));

describe("minimise", () => {
  it("keeps $schema at the root in every simplification", () => {
    const root = { $schema: "https://json-schema.org/draft/2020-12/schema", type: "string", minLength: 2 };
    const all = simplifications(root);
    expect(all.length).toBeGreaterThan(2);
    for (const simpler of all.filter((s) => typeof s === "object")) expect(simpler).toHaveProperty("$schema");
  });

  it("shrinks both schemas to what the failure needs", () => {
    const start: { writer: Json; reader: Json } = {
      writer: {
        type: "object",
        properties: { a: { type: "string", pattern: "^a", minLength: 1 }, b: { enum: [1, 2] } },
      },
      reader: { allOf: [{ required: ["a"] }, { properties: { a: { maxLength: 3 } } }], title: "x" },
    };
    // The "failure": the writer still has a pattern somewhere and the reader a maxLength.
    const small = minimise(start, (candidate) =>
      has(candidate.writer, "pattern") && has(candidate.reader, "maxLength") ? candidate : undefined,
    );
    expect(small.writer).toEqual({ properties: { a: { pattern: "^a" } } });
    expect(small.reader).toEqual({ allOf: [{ properties: { a: { maxLength: 3 } } }] });
  });

  it("returns the start when nothing smaller fails", () => {
    const start = { writer: { type: "string" } as Json, reader: true as Json };
    expect(minimise(start, () => undefined)).toBe(start);
  });
});
