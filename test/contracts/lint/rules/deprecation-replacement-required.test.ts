import { describe, it } from "vitest";
import { ruleCases, schema } from "../helpers.js";

const v1 = schema({ type: "object" });

const cases = ruleCases("deprecation-replacement-required", {
  valid: [
    {
      name: "a replacement that exists",
      files: {
        "schemas/old/v1.json": v1,
        "schemas/old/subject.yaml": "deprecated:\n  reason: renamed\n  replacement: new\n",
        "schemas/new/v1.json": v1,
      },
    },
    { name: "not deprecated", files: { "schemas/a/v1.json": v1 } },
  ],
  invalid: [
    {
      name: "no replacement",
      files: { "schemas/old/v1.json": v1, "schemas/old/subject.yaml": "deprecated:\n  reason: gone\n" },
      errors: [{ messageId: "missing", pointer: "#/deprecated" }],
    },
    {
      name: "a replacement that is not in the catalog",
      files: {
        "schemas/old/v1.json": v1,
        "schemas/old/subject.yaml": "deprecated:\n  reason: renamed\n  replacement: neww\n",
      },
      errors: [{ messageId: "unknown", pointer: "#/deprecated/replacement" }],
    },
  ],
});

describe("deprecation-replacement-required", () => {
  describe("valid", () => it.each(cases.valid)("%s", (_, test) => test()));
  describe("invalid", () => it.each(cases.invalid)("%s", (_, test) => test()));
});
