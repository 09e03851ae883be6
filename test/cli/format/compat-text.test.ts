import { describe, expect, it } from "vitest";
import { formatCompatReport } from "../../../cli/format/compat-text.js";
import { colorStyle, stripAnsi } from "../../../cli/format/style.js";
import type { CompatReport } from "../../../contracts/compat/types.js";

const incompatible: CompatReport = {
  compatible: false,
  verdict: "incompatible",
  mode: "BACKWARD",
  assumptions: {
    writersEmitOnlyDeclared: false,
    annotationKeywords: [],
    oldDraft: "draft-07",
    newDraft: "2020-12",
    draftAssumed: true,
  },
  findings: [
    {
      rule: "enum-value-removed",
      direction: "backward",
      oldPath: "#/properties/currency/enum",
      newPath: "#/properties/currency/enum",
      message: 'enum value "CHF" was removed.',
      example: { currency: "CHF", total: 12.5 },
      at: "/currency",
      readerSays: "/currency: must be equal to one of the allowed values",
    },
    {
      rule: "max-length-increased",
      direction: "forward",
      oldPath: "#/properties/sku/maxLength",
      newPath: "#/properties/sku/maxLength",
      message: "maxLength increased from 32 to 48.",
      example: "x".repeat(33),
      at: "",
      readerSays: "the event: must NOT have more than 32 characters",
      against: 2,
    },
  ],
  undetermined: [
    {
      rule: "pattern-changed",
      direction: "backward",
      oldPath: "#/properties/orderId/pattern",
      newPath: "#/properties/orderId/pattern",
      message: 'pattern changed from "^a+$" to "^(aa)*a?$".',
    },
  ],
  reasoning: {
    structural: 7,
    automata: [
      {
        direction: "backward",
        oldPath: "#/properties/sku",
        newPath: "#/properties/sku/pattern",
        what: "pattern ^[A-Z0-9-]+$",
      },
    ],
    search: 2,
  },
};

describe("formatCompatReport", () => {
  it("leads with the verdict, the mode and the counts", () => {
    const text = formatCompatReport(incompatible);
    const [first, second] = text.split("\n");
    expect(first).toBe("INCOMPATIBLE under BACKWARD: 2 breaking changes, 1 undetermined spot");
    expect(second).toBe(
      "   BACKWARD: consumers on the new schema must read every event valid under the old one.",
    );
  });

  it("states the drafts and the content-model assumption", () => {
    const text = formatCompatReport(incompatible);
    expect(text).toContain("  - drafts: old draft-07, new 2020-12 (assumed for a schema without $schema)");
    expect(text).toContain("  - content model: open (plain JSON Schema");
    const sided = formatCompatReport(incompatible, { oldDraftAssumed: true, newDraftAssumed: false });
    expect(sided).toContain("  - drafts: old draft-07 (assumed: no $schema), new 2020-12\n");
    const closed = formatCompatReport({
      ...incompatible,
      assumptions: { ...incompatible.assumptions, writersEmitOnlyDeclared: true, draftAssumed: false },
    });
    expect(closed).toContain("  - drafts: old draft-07, new 2020-12\n");
    expect(closed).toContain("content model: writers emit only declared properties");
  });

  it("shows each finding with rule, direction, both pointers, message, the breaking value and the example", () => {
    const text = formatCompatReport(incompatible, { oldSource: "v1.json", newSource: "v2.json" });
    expect(text).toContain(
      [
        "1. enum-value-removed  [backward: new schema reading old events]",
        "   old: #/properties/currency/enum",
        "   new: #/properties/currency/enum",
        '   enum value "CHF" was removed.',
        '   Breaks at /currency: "CHF"',
        "   Example event (excerpt; --json has it whole), valid under the old schema and rejected by the new one:",
        "     {",
        '       "currency": "CHF",',
        '       "total": 12.5',
        "     }",
      ].join("\n"),
    );
    expect(text).toContain(
      "2. max-length-increased  [forward: old schema reading new events] (against earlier version 2)",
    );
    expect(text).toContain(
      "   Example event (excerpt; --json has it whole), valid under the new schema and rejected by the old one:",
    );
    expect(text).toContain(`     "${"x".repeat(33)}"`);
    expect(text).toContain("   old: v1.json\n   new: v2.json");
  });

  it("lists undetermined spots with what could not be decided", () => {
    const text = formatCompatReport(incompatible);
    expect(text).toContain("Undetermined (1)");
    expect(text).toContain(
      [
        "1. pattern-changed  [backward: new schema reading old events]",
        "   old: #/properties/orderId/pattern",
        "   new: #/properties/orderId/pattern",
        '   pattern changed from "^a+$" to "^(aa)*a?$".',
      ].join("\n"),
    );
  });

  it("keeps a compatible report short, with no findings sections", () => {
    const text = formatCompatReport({
      ...incompatible,
      compatible: true,
      verdict: "compatible",
      mode: "FULL_TRANSITIVE",
      findings: [],
      undetermined: [],
    });
    expect(text.split("\n")[0]).toBe("COMPATIBLE under FULL_TRANSITIVE");
    expect(text).toContain(
      "decided by: 7 structural comparisons; on automata: backward #/properties/sku/pattern (pattern ^[A-Z0-9-]+$)",
    );
    expect(text).toContain(
      "FULL: both BACKWARD and FORWARD must hold (checked against every earlier version).",
    );
    expect(text).not.toContain("Breaking changes");
    expect(text).not.toContain("Undetermined");
  });

  it("headlines an undetermined verdict with the number of open spots", () => {
    const text = formatCompatReport({ ...incompatible, verdict: "undetermined", findings: [], mode: "NONE" });
    expect(text.split("\n")[0]).toBe("UNDETERMINED under NONE: 1 spot could not be decided");
  });

  it("colours only when given a colour style, and the text underneath is the same", () => {
    const plain = formatCompatReport(incompatible);
    const coloured = formatCompatReport(incompatible, { style: colorStyle });
    expect(plain).not.toContain("\u001b[");
    expect(coloured).toContain("\u001b[31m");
    expect(stripAnsi(coloured)).toBe(plain);
  });
});
