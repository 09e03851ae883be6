import { describe, it } from "vitest";
import { ruleCases, schema } from "../helpers.js";

const mixed = schema({
  type: "object",
  additionalProperties: false,
  properties: {
    open: { type: "object", additionalProperties: true },
    unsaid: { type: "object", properties: { x: { type: "string" } } },
    text: { type: "string" },
  },
});

const cases = ruleCases("object-openness-explicit", {
  valid: [
    {
      name: "explicit: open and closed objects both say so",
      files: {
        "schemas/a/v1.json": schema({
          type: "object",
          additionalProperties: false,
          properties: { meta: { type: "object", additionalProperties: { type: "string" } } },
        }),
      },
    },
    {
      name: "unevaluatedProperties counts",
      files: { "schemas/a/v1.json": schema({ type: "object", unevaluatedProperties: false }) },
    },
    {
      name: "non-object schemas are not asked",
      files: { "schemas/a/v1.json": schema({ type: "string" }) },
    },
    {
      name: "open policy accepts unsaid objects",
      files: { "schemas/a/v1.json": schema({ type: "object", properties: {} }) },
      options: { policy: "open" },
    },
  ],
  invalid: [
    {
      name: "explicit policy",
      files: { "schemas/a/v1.json": mixed },
      errors: [{ messageId: "implicit", pointer: "#/properties/unsaid" }],
    },
    {
      name: "closed policy",
      files: { "schemas/a/v1.json": mixed },
      options: { policy: "closed" },
      errors: [
        { messageId: "notClosed", pointer: "#/properties/open/additionalProperties" },
        { messageId: "notClosed", pointer: "#/properties/unsaid" },
      ],
    },
    {
      name: "open policy",
      files: { "schemas/a/v1.json": mixed },
      options: { policy: "open" },
      errors: [{ messageId: "notOpen", pointer: "#/additionalProperties" }],
    },
    {
      name: "objects without a type but with properties",
      files: { "schemas/a/v1.json": schema({ properties: { a: { type: "string" } } }) },
      errors: [{ messageId: "implicit", pointer: "#" }],
    },
  ],
});

describe("object-openness-explicit", () => {
  describe("valid", () => it.each(cases.valid)("%s", (_, test) => test()));
  describe("invalid", () => it.each(cases.invalid)("%s", (_, test) => test()));
});
