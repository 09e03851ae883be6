import { describe, expect, it } from "vitest";
import { filesOf, subjectCount, touchedSubjects } from "../../../contracts/gate/scope.js";

const base = new Map([
  ["accord.yaml", ""],
  ["schemas/same/v1.json", "{}"],
  ["schemas/edited/v1.json", "{}"],
  ["schemas/grown/v1.json", "{}"],
  ["schemas/meta/v1.json", "{}"],
  ["schemas/meta/subject.yaml", "owners: [a]"],
  ["schemas/gone/v1.json", "{}"],
]);
const head = new Map([
  ["accord.yaml", "compatibility: FULL"],
  ["schemas/same/v1.json", "{}"],
  ["schemas/edited/v1.json", '{"type": "object"}'],
  ["schemas/grown/v1.json", "{}"],
  ["schemas/grown/v2.json", "{}"],
  ["schemas/meta/v1.json", "{}"],
  ["schemas/meta/subject.yaml", "owners: [b]"],
  ["schemas/new/v1.json", "{}"],
  ["schemas/stray.json", "{}"],
]);

describe("gate scope against a base", () => {
  it("finds subjects with an added, removed or changed file, subject.yaml included", () => {
    expect([...touchedSubjects(head, base)].sort()).toEqual(["edited", "gone", "grown", "meta", "new"]);
  });

  it("keeps only those subjects' files, and every file outside subject folders", () => {
    expect([...filesOf(head, new Set(["grown"])).keys()]).toEqual([
      "accord.yaml",
      "schemas/grown/v1.json",
      "schemas/grown/v2.json",
      "schemas/stray.json",
    ]);
  });

  it("counts a consumer's reader schema (schemas/<subject>/consumers/) as its subject's file", () => {
    const reader = (text: string) =>
      new Map([
        ["accord.yaml", ""],
        ["schemas/orders/v1.json", "{}"],
        ["schemas/orders/consumers/billing.json", text],
        ["schemas/other/v1.json", "{}"],
      ]);
    expect([...touchedSubjects(reader('{"type":"object"}'), reader("{}"))]).toEqual(["orders"]);
    expect([...filesOf(reader("{}"), new Set(["orders"])).keys()]).toContain(
      "schemas/orders/consumers/billing.json",
    );
    expect([...filesOf(reader("{}"), new Set(["other"])).keys()]).not.toContain(
      "schemas/orders/consumers/billing.json",
    );
  });

  it("counts subject folders", () => {
    expect(subjectCount(head)).toBe(5);
    expect(subjectCount(new Map([["accord.yaml", ""]]))).toBe(0);
  });
});
