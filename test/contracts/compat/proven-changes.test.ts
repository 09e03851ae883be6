import { describe, expect, it } from "vitest";
import { checkCompatibility, ProvenChanges } from "../../../contracts/compat/index.js";
import { type ProofContext, prove } from "../../../contracts/compat/witness.js";
import { validatorFor } from "../../../contracts/schema/ajv.js";
import type { Json } from "../../../contracts/schema/types.js";
import { schemaDocument } from "../../support/schema-doc.js";

const order = (currencies: string[], extra: Record<string, Json> = {}) => ({
  type: "object",
  properties: { id: { type: "string" }, currency: { enum: currencies }, ...extra },
  required: ["id", "currency"],
});

const v1 = schemaDocument(order(["EUR", "USD", "CHF"]), "v1.json");
const v2 = schemaDocument(order(["EUR", "USD"]), "v2.json");
const v3 = schemaDocument(order(["EUR", "USD"], { note: { type: "string", maxLength: 3 } }), "v3.json");

describe("changes already proven in a subject's history", () => {
  it("marks a change seen again as a repeat, with an example ajv still confirms", () => {
    const proven = new ProvenChanges();
    const second = checkCompatibility([v1], v2, "BACKWARD_TRANSITIVE", {}, proven);
    expect(second.findings.map((f) => [f.rule, f.repeat])).toEqual([["enum-value-removed", undefined]]);

    const third = checkCompatibility([v1, v2], v3, "BACKWARD_TRANSITIVE", {}, proven);
    const byRule = new Map(third.findings.map((f) => [`${f.rule}@${f.against}`, f]));
    const repeat = byRule.get("enum-value-removed@1");
    expect(repeat?.repeat).toBe(true);
    expect(validatorFor(v1.root, v1.draft)(repeat?.example)).toBe(true);
    expect(validatorFor(v3.root, v3.draft)(repeat?.example)).toBe(false);
    expect(repeat?.at).toBe("/currency");
    // The note's new bound is new in v3: proven in full, against both earlier versions.
    const fresh = third.findings.filter((f) => f.rule !== "enum-value-removed");
    expect(fresh.length).toBeGreaterThan(0);
    expect(fresh.filter((f) => f.against === 1).every((f) => f.repeat === undefined)).toBe(true);
    expect(fresh.filter((f) => f.against === 2).every((f) => f.repeat === true)).toBe(true);
  });

  it("answers again for an earlier version that shares a schema, as a repeat with the same proof", () => {
    const proven = new ProvenChanges();
    const twin = { ...v1, source: "v1-again.json" };
    const report = checkCompatibility([v1, twin], v2, "BACKWARD_TRANSITIVE", {}, proven);
    expect(report.findings.map((f) => [f.against, f.repeat])).toEqual([
      [1, undefined],
      [2, true],
    ]);
    expect(report.findings[1]?.example).toEqual(report.findings[0]?.example);
  });

  it("gives the same verdicts and places with or without the history", () => {
    const shape = (report: ReturnType<typeof checkCompatibility>) =>
      report.findings.map(({ rule, direction, oldPath, newPath, at, against }) => ({
        rule,
        direction,
        oldPath,
        newPath,
        at,
        against,
      }));
    const proven = new ProvenChanges();
    checkCompatibility([v1], v2, "FULL_TRANSITIVE", {}, proven);
    const remembered = checkCompatibility([v1, v2], v3, "FULL_TRANSITIVE", {}, proven);
    const fresh = checkCompatibility([v1, v2], v3, "FULL_TRANSITIVE");
    expect(remembered.verdict).toBe(fresh.verdict);
    expect(shape(remembered)).toEqual(shape(fresh));
    expect(remembered.undetermined).toEqual(fresh.undetermined);
  });
});

describe("a proof left as found", () => {
  // The reader rejects `a` (the finding's place) and `b` (another change); "ok" repairs `b`.
  const context: ProofContext = {
    writerAccepts: () => true,
    readerErrors: (value) => {
      const event = value as Record<string, Json>;
      return ["a", "b"]
        .filter((name) => event[name] === "bad")
        .map((name) => ({ instancePath: `/${name}`, keyword: "const", message: "must be ok", params: {} }));
    },
    replacements: () => ["ok"],
  };

  it("is repaired where the reader complains elsewhere, unless asked to leave it", () => {
    const example = { a: "bad", b: "bad" };
    expect(prove(example, ["a"], context)?.example).toEqual({ a: "bad", b: "ok" });
    expect(prove(example, ["a"], context, false)?.example).toEqual(example);
    expect(prove(example, ["a"], context, false)?.at).toBe("/a");
  });

  it("still has to break the reader", () => {
    expect(prove({ a: "ok", b: "ok" }, ["a"], context, false)).toBeUndefined();
  });
});
