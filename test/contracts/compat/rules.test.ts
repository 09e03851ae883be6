import { describe, expect, it } from "vitest";
import { COMPAT_RULE_IDS, COMPAT_RULES, type CompatRuleId } from "../../../contracts/compat/index.js";
import { type CompatCategory, RETIRED_COMPAT_RULES } from "../../../contracts/compat/rules.js";
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
