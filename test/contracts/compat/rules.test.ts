import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { BOUNDS } from "../../../contracts/compat/bounds.js";
import type { GapKind } from "../../../contracts/compat/gaps.js";
import { COMPAT_RULE_IDS, COMPAT_RULES, type CompatRuleId } from "../../../contracts/compat/index.js";
import {
  COMPAT_FAMILIES,
  type CompatCategory,
  type CompatRuleSpec,
  describeGap,
  RETIRED_COMPAT_RULES,
  ruleFor,
} from "../../../contracts/compat/rules.js";
import { DIRECTIONS, loadCorpus } from "../../support/corpus.js";

const CATEGORIES: readonly CompatCategory[] = ["STRUCTURE", "CONSTRAINT", "COMPOSITION", "REFERENCE"];

// A summary may open with a JSON Schema keyword spelled as the spec spells it ("maxLength was
// lowered."): capitalising an identifier would misname it. Anything else opens with a capital.
const KEYWORDS = new Set([
  "additionalItems",
  "additionalProperties",
  "allOf",
  "anyOf",
  "const",
  "contains",
  "dependencies",
  "dependentRequired",
  "dependentSchemas",
  "enum",
  "exclusiveMaximum",
  "exclusiveMinimum",
  "format",
  "items",
  "maxItems",
  "maxLength",
  "maxProperties",
  "maximum",
  "minItems",
  "minLength",
  "minProperties",
  "minimum",
  "multipleOf",
  "not",
  "oneOf",
  "pattern",
  "patternProperties",
  "prefixItems",
  "propertyNames",
  "required",
  "type",
  "uniqueItems",
]);

/** Ids no corpus case names yet, each with the reason; listed as todos so the gap stays visible. */
const NOT_IN_CORPUS: Partial<Record<CompatRuleId, string>> = {
  "analysis-budget-exceeded":
    "needs nesting deeper than the loader admits; hostile.test.ts builds one in memory",
};

const entries = Object.entries(COMPAT_RULES) as [CompatRuleId, (typeof COMPAT_RULES)[CompatRuleId]][];

describe("compat rule table", () => {
  it.each(entries)("%s has a kebab-case id of 3-64 characters", (id) => {
    expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(id.length).toBeGreaterThanOrEqual(3);
    expect(id.length).toBeLessThanOrEqual(64);
  });

  it.each(entries)(
    "%s has a one-sentence summary that opens capitalised and ends in a period",
    (_id, spec) => {
      const summary: string = spec.summary;
      expect(summary).toMatch(/\.$/);
      expect(summary.trim()).toBe(summary);
      // One sentence: no full stop followed by another sentence inside.
      expect(summary.slice(0, -1)).not.toMatch(/\.\s+[A-Z]/);
      const first = summary.split(/[\s(]/, 1)[0] ?? "";
      expect(
        /^[A-Z]/.test(first) || KEYWORDS.has(first),
        `"${first}" is neither capitalised nor a keyword`,
      ).toBe(true);
    },
  );

  it.each(entries)("%s names a known category and, if any, an UPPER_SNAKE Confluent name", (_id, spec) => {
    expect(CATEGORIES).toContain(spec.category);
    const confluent: string | undefined = "confluent" in spec ? spec.confluent : undefined;
    if (confluent !== undefined) expect(confluent).toMatch(/^[A-Z]+(_[A-Z]+)*$/);
  });

  it("has no duplicate ids or summaries", () => {
    expect(new Set(COMPAT_RULE_IDS).size).toBe(COMPAT_RULE_IDS.length);
    const summaries = entries.map(([, spec]) => spec.summary.toLowerCase());
    expect(new Set(summaries).size).toBe(summaries.length);
  });

  it("exports every id, sorted", () => {
    expect(COMPAT_RULE_IDS).toEqual(Object.keys(COMPAT_RULES).sort());
  });

  it("uses every category", () => {
    const used = new Set(entries.map(([, spec]) => spec.category));
    for (const category of CATEGORIES) expect(used.has(category), category).toBe(true);
  });

  it("never reuses a retired id", () => {
    for (const retired of RETIRED_COMPAT_RULES) expect(Object.keys(COMPAT_RULES)).not.toContain(retired);
  });
});

/** Rules whose check sits in the engine's dispatch (engine.ts) or its budget guard (modes.ts). */
const CHECKED_IN_DISPATCH: readonly CompatRuleId[] = [
  "schema-narrowed-to-false",
  "enum-value-removed",
  "enum-value-added",
  "analysis-budget-exceeded",
];

const COMPAT_DIR = new URL("../../../contracts/compat/", import.meta.url);
const checkerSources = [
  ...readdirSync(new URL("keywords/", COMPAT_DIR)).map((file) => `keywords/${file}`),
  "bounds.ts",
].map((file) => readFileSync(new URL(file, COMPAT_DIR), "utf8"));

describe("compat rules as records", () => {
  it.each(entries)(
    "%s names a family, a direction and at least one reported gap with its message",
    (_id, spec) => {
      const record: CompatRuleSpec = spec;
      expect(COMPAT_FAMILIES).toContain(record.family);
      expect(["backward", "forward", "both"]).toContain(record.direction);
      const kinds = Object.entries(record.reports);
      expect(kinds.length).toBeGreaterThan(0);
      for (const [, template] of kinds) expect(typeof template).toBe("function");
    },
  );

  it("uses every family", () => {
    const used = new Set(entries.map(([, spec]) => spec.family));
    for (const family of COMPAT_FAMILIES) expect(used.has(family), family).toBe(true);
  });

  it("reports each gap kind under exactly one rule per direction", () => {
    const kinds = new Set(entries.flatMap(([, spec]) => Object.keys(spec.reports) as GapKind[]));
    for (const kind of kinds)
      for (const direction of ["backward", "forward"] as const) {
        const id = ruleFor(kind, direction);
        expect(id, `${kind}:${direction}`).toBeDefined();
        const spec: CompatRuleSpec = COMPAT_RULES[id];
        expect([direction, "both"]).toContain(spec.direction);
      }
  });

  it.each(COMPAT_RULE_IDS.filter((id) => !CHECKED_IN_DISPATCH.includes(id)))(
    "%s is named where it is checked (a keyword family's file or the bound table)",
    (id) => {
      expect(checkerSources.some((source) => source.includes(id))).toBe(true);
    },
  );

  it("has one bound table whose rows name the rules their gaps are reported under", () => {
    const rows = Object.entries(BOUNDS).flatMap(([family, familyRows]) =>
      familyRows.map((row) => ({ family, row })),
    );
    // minimum, maximum and the min/max pairs of lengths, items and properties: one row each.
    expect(new Set(rows.map(({ row }) => row.kind)).size).toBe(8);
    for (const { family, row } of rows) {
      expect(ruleFor(row.kind, "backward")).toBe(row.tightened);
      expect(ruleFor(row.kind, "forward")).toBe(row.loosened);
      const tightened: CompatRuleSpec = COMPAT_RULES[row.tightened];
      expect(tightened.family).toBe(family);
    }
  });

  it("writes messages in terms of the old and the new schema, from the rule's template", () => {
    const site = { writerPath: "#", readerPath: "#" };
    expect(describeGap({ ...site, kind: "maxLength", writerValue: 64, readerValue: 32 }, "backward")).toBe(
      "maxLength changed from 64 to 32.",
    );
    expect(describeGap({ ...site, kind: "maxLength", writerValue: 64, readerValue: 32 }, "forward")).toBe(
      "maxLength changed from 32 to 64.",
    );
    expect(
      describeGap(
        { ...site, kind: "minimum", writerValue: "none", readerValue: "0 (exclusive)" },
        "backward",
      ),
    ).toBe("minimum changed from none to 0 (exclusive).");
    expect(describeGap({ ...site, kind: "required", subject: "id" }, "backward")).toBe(
      'Property "id" became required.',
    );
    expect(describeGap({ ...site, kind: "required", subject: "id" }, "forward")).toBe(
      'Property "id" is no longer required.',
    );
  });
});

describe("compat rules in the corpus", () => {
  const named = new Set<string>();
  for (const { cases } of loadCorpus()) {
    for (const c of cases)
      for (const direction of DIRECTIONS) for (const rule of c.rules?.[direction] ?? []) named.add(rule);
  }

  it("names only ids that exist", () => {
    for (const rule of named) expect(Object.keys(COMPAT_RULES), rule).toContain(rule);
  });

  it.each(COMPAT_RULE_IDS.filter((id) => !(id in NOT_IN_CORPUS)))(
    "%s is expected by at least one corpus case",
    (id) => {
      expect(named.has(id)).toBe(true);
    },
  );

  for (const [id, reason] of Object.entries(NOT_IN_CORPUS)) {
    it.todo(`${id}: add a corpus case (${reason})`);
  }

  it("keeps the not-yet-covered list honest", () => {
    for (const id of Object.keys(NOT_IN_CORPUS))
      expect(named.has(id), `${id} is covered now: drop it from the list`).toBe(false);
  });
});
