import { describe, it } from "vitest";
import { ruleCases, schema } from "../helpers.js";

const cloudEvent = schema({
  type: "object",
  properties: { id: {}, source: {}, specversion: {}, type: {}, data: {} },
  required: ["id", "source", "specversion", "type"],
});

const cases = ruleCases("envelope-fields-required", {
  valid: [
    {
      name: "a CloudEvents envelope",
      files: { "schemas/a/v1.json": cloudEvent },
      options: { preset: "cloudevents" },
    },
    {
      name: "a custom field list",
      files: {
        "schemas/a/v1.json": schema({
          properties: { eventId: {}, occurredAt: {} },
          required: ["eventId", "occurredAt"],
        }),
      },
      options: { fields: ["eventId", "occurredAt"] },
    },
  ],
  invalid: [
    {
      name: "CloudEvents by default when switched on without fields",
      files: {
        "schemas/a/v1.json": schema({
          properties: { id: {}, source: {}, type: {} },
          required: ["id", "source"],
        }),
      },
      errors: [
        { messageId: "notDeclared", pointer: "#/properties" },
        { messageId: "notRequired", pointer: "#/properties/type" },
      ],
    },
    {
      name: "preset and extra fields together",
      files: { "schemas/a/v1.json": cloudEvent },
      options: { preset: "cloudevents", fields: ["traceparent"] },
      errors: [{ messageId: "notDeclared", pointer: "#/properties" }],
    },
    {
      name: "a schema with no properties at all",
      files: { "schemas/a/v1.json": schema({ type: "object" }) },
      options: { fields: ["eventId"] },
      errors: [{ messageId: "notDeclared", pointer: "#" }],
    },
  ],
});

describe("envelope-fields-required", () => {
  describe("valid", () => it.each(cases.valid)("%s", (_, test) => test()));
  describe("invalid", () => it.each(cases.invalid)("%s", (_, test) => test()));
});
