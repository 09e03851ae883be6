import { describe, it } from "vitest";
import { ruleCases, schema } from "../helpers.js";

const cases = ruleCases("schema-description-required", {
  valid: [
    {
      name: "a described root",
      files: { "schemas/a/v1.json": schema({ description: "An a.", type: "object" }) },
    },
    {
      name: "only the newest version counts (old versions are immutable)",
      files: {
        "schemas/a/v1.json": schema({ type: "object" }),
        "schemas/a/v2.json": schema({ description: "An a.", type: "object" }),
      },
    },
  ],
  invalid: [
    {
      name: "no description",
      files: { "schemas/a/v1.json": schema({ type: "object" }) },
      errors: [{ messageId: "missing", pointer: "#", version: 1 }],
    },
    {
      name: "a blank description",
      files: {
        "schemas/a/v1.json": schema({ type: "object" }),
        "schemas/a/v2.json": schema({ description: "  " }),
      },
      errors: [{ messageId: "missing", pointer: "#", version: 2 }],
    },
    {
      name: "the boolean schema true",
      files: { "schemas/a/v1.json": "true\n" },
      errors: [{ messageId: "missing", pointer: "#" }],
    },
  ],
});

describe("schema-description-required", () => {
  describe("valid", () => it.each(cases.valid)("%s", (_, test) => test()));
  describe("invalid", () => it.each(cases.invalid)("%s", (_, test) => test()));
});
