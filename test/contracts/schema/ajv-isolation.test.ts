import { describe, expect, it } from "vitest";
import { validatorFor } from "../../../contracts/schema/ajv.js";
import type { Json } from "../../../contracts/schema/types.js";

describe("validators are isolated from one another by the ids they declare", () => {
  it("compiles a schema embedding an $id that an earlier, unrelated schema used as its root id", () => {
    const first: Json = { $id: "https://example.com/isolation/e.json", type: "object" };
    const second: Json = {
      type: "object",
      properties: { p: { $id: "https://example.com/isolation/e.json", type: "string" } },
    };
    expect(validatorFor(first, "draft-07")({ p: 1 })).toBe(true);
    const validate = validatorFor(second, "draft-07");
    expect(validate({ p: "a" })).toBe(true);
    expect(validate({ p: 1 })).toBe(false);
  });

  it("compiles two versions of one event that share their root $id, each with its own meaning", () => {
    const v1: Json = { $id: "https://example.com/isolation/order.json", type: "string" };
    const v2: Json = { $id: "https://example.com/isolation/order.json", type: "number" };
    expect(validatorFor(v1, "2020-12")("a")).toBe(true);
    expect(validatorFor(v2, "2020-12")("a")).toBe(false);
    expect(validatorFor(v2, "2020-12")(1)).toBe(true);
  });

  it("compiles a document that bundles the draft-07 meta-schema under its official $id", () => {
    const bundled: Json = {
      type: "object",
      properties: { schema: { $ref: "http://json-schema.org/draft-07/schema#" } },
      definitions: {
        meta: {
          $id: "http://json-schema.org/draft-07/schema#",
          type: ["object", "boolean"],
          properties: { title: { type: "string" } },
        },
      },
    };
    const validate = validatorFor(bundled, "draft-07");
    expect(validate({ schema: { title: "x" } })).toBe(true);
    expect(validate({ schema: { title: 1 } })).toBe(false);
  });
});
