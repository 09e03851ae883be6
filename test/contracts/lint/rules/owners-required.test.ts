import { describe, it } from "vitest";
import { ruleCases, schema } from "../helpers.js";

const v1 = schema({ type: "object" });

const cases = ruleCases("owners-required", {
  valid: [
    {
      name: "owners listed",
      files: { "schemas/a/v1.json": v1, "schemas/a/subject.yaml": "owners: [team-a]\n" },
    },
  ],
  invalid: [
    {
      name: "no subject.yaml",
      files: { "schemas/a/v1.json": v1 },
      errors: [{ messageId: "noMetaFile", file: "schemas/a/v1.json" }],
    },
    {
      name: "an empty owner list",
      files: { "schemas/a/v1.json": v1, "schemas/a/subject.yaml": "owners: []\ntopic: a\n" },
      errors: [{ messageId: "empty", file: "schemas/a/subject.yaml" }],
    },
  ],
});

describe("owners-required", () => {
  describe("valid", () => it.each(cases.valid)("%s", (_, test) => test()));
  describe("invalid", () => it.each(cases.invalid)("%s", (_, test) => test()));
});
