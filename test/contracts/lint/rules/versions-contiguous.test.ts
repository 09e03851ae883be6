import { describe, it } from "vitest";
import { ruleCases, schema } from "../helpers.js";

const v = schema({ type: "object" });

const cases = ruleCases("versions-contiguous", {
  valid: [
    {
      name: "1, 2, 3",
      files: { "schemas/a/v1.json": v, "schemas/a/v2.yaml": "type: object\n", "schemas/a/v3.json": v },
    },
  ],
  invalid: [
    {
      name: "a gap of one and a gap of two",
      files: { "schemas/a/v1.json": v, "schemas/a/v3.json": v, "schemas/a/v6.json": v },
      errors: [
        { messageId: "gap", version: 3 },
        { messageId: "gap", version: 6 },
      ],
    },
    {
      name: "not starting at 1",
      files: { "schemas/a/v2.json": v },
      errors: [{ messageId: "notFromOne", version: 2 }],
    },
  ],
});

describe("versions-contiguous", () => {
  describe("valid", () => it.each(cases.valid)("%s", (_, test) => test()));
  describe("invalid", () => it.each(cases.invalid)("%s", (_, test) => test()));
});
