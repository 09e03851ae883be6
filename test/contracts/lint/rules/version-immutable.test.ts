import { describe, it } from "vitest";
import { ruleCases, schema } from "../helpers.js";

const v1 = schema({ type: "object" });
const v2 = schema({ type: "object", properties: { id: { type: "string" } } });

const cases = ruleCases("version-immutable", {
  valid: [
    { name: "no base: nothing to compare", files: { "schemas/a/v1.json": v1 } },
    {
      name: "a new version added",
      base: { "schemas/a/v1.json": v1 },
      files: { "schemas/a/v1.json": v1, "schemas/a/v2.json": v2 },
    },
    {
      name: "re-indented, and moved from JSON to YAML, with the same content",
      base: { "schemas/a/v1.json": v2 },
      files: { "schemas/a/v1.yaml": "type: object\nproperties:\n  id: {type: string}\n" },
    },
  ],
  invalid: [
    {
      name: "an edited and a deleted version",
      base: { "schemas/a/v1.json": v1, "schemas/a/v2.json": v1 },
      files: { "schemas/a/v1.json": v2 },
      errors: [
        { messageId: "edited", version: 1, file: "schemas/a/v1.json" },
        { messageId: "removed", version: 2, file: "schemas/a/v2.json" },
      ],
    },
    {
      name: "a deleted subject",
      base: { "schemas/a/v1.json": v1, "schemas/gone/v1.json": v1 },
      files: { "schemas/a/v1.json": v1 },
      errors: [{ messageId: "removed", subject: "gone", version: 1 }],
    },
  ],
});

describe("version-immutable", () => {
  describe("valid", () => it.each(cases.valid)("%s", (_, test) => test()));
  describe("invalid", () => it.each(cases.invalid)("%s", (_, test) => test()));
});
