import { describe, it } from "vitest";
import { ruleCases, schema } from "../helpers.js";

const cases = ruleCases("examples-valid", {
  valid: [
    {
      name: "valid examples at the root and on a property",
      files: {
        "schemas/a/v1.json": schema({
          type: "object",
          properties: { amount: { type: "number", minimum: 0, examples: [0, 12.5] } },
          required: ["amount"],
          examples: [{ amount: 3 }],
        }),
      },
    },
    {
      name: "an example on a $ref property is checked against the target (draft-07 ignores $ref siblings)",
      files: {
        "schemas/a/v1.json": schema({
          definitions: { id: { type: "string", pattern: "^o-" } },
          properties: { id: { $ref: "#/definitions/id", examples: ["o-1"] } },
        }),
      },
    },
    {
      name: "two versions sharing an $id",
      files: {
        "schemas/a/v1.json": schema({ $id: "https://example.com/a", type: "integer", examples: [1] }),
        "schemas/a/v2.json": schema({ $id: "https://example.com/a", type: "integer", examples: [2] }),
      },
    },
  ],
  invalid: [
    {
      name: "a root example violating a nested bound, and a property example of the wrong type",
      files: {
        "schemas/a/v1.json": schema({
          type: "object",
          properties: {
            amount: { type: "number", minimum: 0 },
            sku: { type: "string", examples: ["ok", 42] },
          },
          examples: [{ amount: -1 }],
        }),
      },
      // Report order follows the file: the property's example comes first.
      errors: [
        { messageId: "invalid", pointer: "#/properties/sku/examples/1" },
        { messageId: "invalid", pointer: "#/examples/0" },
      ],
    },
    {
      name: "a 2020-12 example against a $defs reference and a format",
      files: {
        "schemas/a/v1.json": schema({
          $schema: "https://json-schema.org/draft/2020-12/schema",
          $defs: { when: { type: "string", format: "date-time" } },
          properties: { at: { $ref: "#/$defs/when" } },
          required: ["at"],
          examples: [{ at: "yesterday" }, {}],
        }),
      },
      errors: [
        { messageId: "invalid", pointer: "#/examples/0" },
        { messageId: "invalid", pointer: "#/examples/1" },
      ],
    },
  ],
});

describe("examples-valid", () => {
  describe("valid", () => it.each(cases.valid)("%s", (_, test) => test()));
  describe("invalid", () => it.each(cases.invalid)("%s", (_, test) => test()));
});
