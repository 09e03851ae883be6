import { describe, expect, it } from "vitest";
import { breakingSpot } from "../../../contracts/schema/excerpt.js";
import type { Json } from "../../../contracts/schema/types.js";

/** A payload the size of a real webhook: the breaking field deep inside, far past line 40. */
const repository: { [key: string]: Json } = {};
for (let i = 0; i < 80; i++) repository[`field_${String(i).padStart(2, "0")}`] = `value ${i}`;
repository.is_template = "yes";
const payload: Json = {
  action: "created",
  sender: { login: "octocat", id: 1 },
  repository,
  installation: { id: 7 },
};

describe("breakingSpot", () => {
  it("shows the path down to the breaking value, its nearest neighbours and counts of the rest", () => {
    const spot = breakingSpot(payload, "/repository/is_template");
    expect(spot.at).toBe("/repository/is_template");
    expect(spot.value).toBe('"yes"');
    expect(spot.excerpt).toEqual([
      "{",
      "  … 2 more properties",
      '  "repository": {',
      "    … 77 more properties",
      '    "field_77": "value 77",',
      '    "field_78": "value 78",',
      '    "field_79": "value 79",',
      '    "is_template": "yes"',
      "  },",
      "  … 1 more property",
      "}",
    ]);
  });

  it("cuts a large breaking value to a few lines and says how many were left out", () => {
    const spot = breakingSpot(payload, "/repository");
    expect(spot.excerpt.length).toBe(17);
    expect(spot.excerpt).toContain("    … 72 more lines");
    expect(spot.value.length).toBeLessThanOrEqual(100);
    expect(spot.value.endsWith("…")).toBe(true);
  });

  it("walks arrays by position, and names a place the event lacks", () => {
    const event: Json = { items: [{ sku: "a" }, { sku: "b", qty: -1 }] };
    expect(breakingSpot(event, "/items/1/qty").excerpt).toEqual([
      "{",
      '  "items": [',
      "    … 1 more item",
      "    {",
      '      "sku": "b",',
      '      "qty": -1',
      "    }",
      "  ]",
      "}",
    ]);
    // A place the event does not have (a required property it lacks) is named; its parent is shown.
    const lost = breakingSpot(event, "/items/1/price");
    expect(lost).toMatchObject({ at: "/items/1/price", value: "(absent)" });
    expect(lost.excerpt).toEqual([
      "{",
      '  "items": [',
      '    {"sku":"a"},',
      "    {",
      '      "sku": "b",',
      '      "qty": -1,',
      '      "price": (absent)',
      "    }",
      "  ]",
      "}",
    ]);
    expect(breakingSpot(event, undefined).at).toBe("");
  });

  it("escapes pointer tokens as RFC 6901 does", () => {
    expect(breakingSpot({ "a/b": { "~c": 1 } }, "/a~1b/~0c")).toMatchObject({ at: "/a~1b/~0c", value: "1" });
  });
});
