import { describe, expect, it } from "vitest";
import { compareSchemas } from "../../../contracts/compat/index.js";
import type { Json, SchemaDocument } from "../../../contracts/schema/types.js";

const doc = (root: Json): SchemaDocument => ({ root, draft: "draft-07", draftAssumed: true, source: "test" });

/** Four allOf members of four same-type alternatives each: 256 combinations, past what is expanded. */
function exploding(step: number): Json {
  return {
    allOf: Array.from({ length: 4 }, (_, k) => ({
      anyOf: Array.from({ length: 4 }, (_, j) => ({
        type: "string",
        minLength: j + k,
        maxLength: 20 + j * step,
      })),
    })),
  };
}

describe("schemas built to be expensive", () => {
  it("finds the one value removed from a 5,000-value enum", () => {
    const values = Array.from({ length: 5_000 }, (_, i) => `v${i}`);
    const report = compareSchemas(doc({ enum: values }), doc({ enum: values.slice(1) }), "BACKWARD");
    expect(report.verdict).toBe("incompatible");
    expect(report.findings.map((f) => f.example)).toEqual(["v0"]);
  });

  it("keeps a schema whose alternatives multiply past the limit whole, and never calls a narrowing compatible", () => {
    expect(compareSchemas(doc(exploding(1)), doc(exploding(1)), "FULL").verdict).toBe("compatible");
    // The reader below accepts only some strings: the writer accepts every string.
    const narrowing = compareSchemas(doc({ type: "string" }), doc(exploding(1)), "BACKWARD");
    expect(narrowing.verdict).toBe("incompatible");
    expect(narrowing.findings[0]?.rule).toBe("any-of-branch-removed");
    // The other way round the engine cannot prove inclusion through the whole-schema constraint.
    expect(compareSchemas(doc(exploding(1)), doc({ type: "string" }), "BACKWARD").verdict).not.toBe(
      "incompatible",
    );
  });

  it("says undetermined, never crashes, when nesting outruns the call stack", () => {
    const nested = (depth: number, leaf: Json): Json => {
      let schema: Json = leaf;
      for (let i = 0; i < depth; i++) schema = { type: "object", properties: { a: schema } };
      return schema;
    };
    const report = compareSchemas(
      doc(nested(20_000, { type: "string" })),
      doc(nested(20_000, { type: "number" })),
      "FULL",
    );
    expect(report.verdict).toBe("undetermined");
    expect(report.undetermined.map((u) => u.rule)).toEqual([
      "analysis-budget-exceeded",
      "analysis-budget-exceeded",
    ]);
  });

  it("does not crash on a property named __proto__ (ajv never validates one)", () => {
    // JSON.parse makes `__proto__` an own property; an object literal would set the prototype.
    const old = JSON.parse('{"type":"object","properties":{"__proto__":{"type":"string"}}}') as Json;
    const current = JSON.parse('{"type":"object","properties":{"__proto__":{"type":"integer"}}}') as Json;
    const report = compareSchemas(doc(old), doc(current), "FULL");
    expect(Object.keys((old as { properties: object }).properties)).toEqual(["__proto__"]);
    expect(report.findings).toEqual([]);
  });
});
