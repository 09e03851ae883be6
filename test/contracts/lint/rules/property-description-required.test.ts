import { describe, it } from "vitest";
import { ruleCases, schema } from "../helpers.js";

const cases = ruleCases("property-description-required", {
  valid: [
    {
      name: "every property described, nested ones too",
      files: {
        "schemas/a/v1.json": schema({
          type: "object",
          properties: {
            id: { type: "string", description: "Id." },
            customer: {
              type: "object",
              description: "Who.",
              properties: { email: { type: "string", description: "Email." } },
            },
          },
        }),
      },
    },
    {
      name: "a $ref property borrows its target's description",
      files: {
        "schemas/a/v1.json": schema({
          $defs: { money: { type: "number", description: "An amount." } },
          properties: { total: { $ref: "#/$defs/money" } },
        }),
      },
    },
    {
      name: "boolean property schemas",
      files: { "schemas/a/v1.json": schema({ properties: { anything: true } }) },
    },
    {
      name: "ignored in subject.yaml",
      files: {
        "schemas/a/v1.json": schema({ properties: { x: { type: "string" } } }),
        "schemas/a/subject.yaml": "lint:\n  ignore: [property-description-required]\n",
      },
    },
  ],
  invalid: [
    {
      name: "undescribed properties at the root and nested in $defs",
      files: {
        "schemas/a/v1.json": schema({
          $defs: { address: { type: "object", properties: { "street/no": { type: "string" } } } },
          properties: { id: { type: "string" }, address: { $ref: "#/$defs/address", description: "Where." } },
        }),
      },
      errors: [
        { messageId: "missing", pointer: "#/$defs/address/properties/street~1no" },
        { messageId: "missing", pointer: "#/properties/id" },
      ],
    },
    {
      name: "inside array items",
      files: {
        "schemas/a/v1.json": schema({
          type: "array",
          items: { type: "object", properties: { sku: { type: "string" } } },
        }),
      },
      errors: [{ messageId: "missing", pointer: "#/items/properties/sku" }],
    },
  ],
});

describe("property-description-required", () => {
  describe("valid", () => it.each(cases.valid)("%s", (_, test) => test()));
  describe("invalid", () => it.each(cases.invalid)("%s", (_, test) => test()));
});
