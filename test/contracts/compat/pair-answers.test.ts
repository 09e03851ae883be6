import { describe, expect, it } from "vitest";
import { checkCompatibility, compareSchemas } from "../../../contracts/compat/index.js";
import { exampleEvent } from "../../../contracts/compat/sides.js";
import type { SchemaDocument } from "../../../contracts/schema/types.js";
import { schemaDocument } from "../../support/schema-doc.js";

const v1 = schemaDocument(
  { type: "object", properties: { id: { type: "string", maxLength: 10 } } },
  "v1.json",
);
const v2 = schemaDocument(
  { type: "object", properties: { id: { type: "string", maxLength: 5 } } },
  "v2.json",
);

/** The same schema object under another file name, as the catalog loader gives identical versions. */
function twin(document: SchemaDocument, source: string): SchemaDocument {
  return { ...document, source };
}

describe("answers per pair of documents", () => {
  it("finds a schema compatible with itself in every mode without comparing anything", () => {
    for (const mode of ["BACKWARD", "FORWARD", "FULL"] as const) {
      const report = compareSchemas(v2, twin(v2, "v3.json"), mode);
      expect(report.verdict).toBe("compatible");
      expect(report.reasoning.structural).toBe(0);
    }
  });

  it("gives each earlier version its own findings when several share one schema", () => {
    const report = checkCompatibility([v1, twin(v1, "v2.json")], v2, "BACKWARD_TRANSITIVE");
    // Backward: new readers (maxLength 5) read old events (up to 10 characters), against both.
    expect(report.verdict).toBe("incompatible");
    const against = report.findings.map((finding) => [finding.rule, finding.against]);
    expect(against).toEqual([
      ["max-length-decreased", 1],
      ["max-length-decreased", 2],
    ]);
    expect(report.findings[0]?.example).toEqual(report.findings[1]?.example);
  });

  it("answers a pair asked again exactly as the first time, in both directions", () => {
    const first = compareSchemas(v1, v2, "FULL");
    const again = compareSchemas(v1, v2, "FULL");
    expect(again).toEqual(first);
    expect(first.findings.map((finding) => finding.direction)).toEqual(["backward"]);
    const reversed = compareSchemas(v2, v1, "FULL");
    expect(reversed.findings.map((finding) => finding.direction)).toEqual(["forward"]);
  });

  it("builds one example event for versions that share one schema", () => {
    const example = exampleEvent(v1);
    expect(example).toBeDefined();
    expect(exampleEvent(twin(v1, "v2.json"))).toBe(example);
  });

  it("keeps answers apart per option: one pair asked under two readings gets two answers", () => {
    const open = schemaDocument({ type: "object", properties: { a: { type: "string" } } }, "o1.json");
    const more = schemaDocument(
      { type: "object", properties: { a: { type: "string" }, b: { type: "integer" } } },
      "o2.json",
    );
    // Closed writers never send `b`; open ones may send it with any value, which the reader refuses.
    expect(compareSchemas(open, more, "BACKWARD", { writersEmitOnlyDeclared: true }).verdict).toBe(
      "compatible",
    );
    expect(compareSchemas(open, more, "BACKWARD").verdict).toBe("incompatible");
    expect(compareSchemas(open, more, "BACKWARD", { writersEmitOnlyDeclared: true }).verdict).toBe(
      "compatible",
    );
  });
});
