import { describe, it } from "vitest";
import { ruleCases, schema } from "../helpers.js";

const v1 = schema({ description: "x", type: "object" });

const cases = ruleCases("subject-name-pattern", {
  valid: [
    { name: "kebab-case", files: { "schemas/order-placed/v1.json": v1 } },
    { name: "dotted", files: { "schemas/com.shop.order-placed/v1.json": v1 } },
    {
      name: "a custom pattern",
      files: { "schemas/OrderPlaced/v1.json": v1 },
      options: { pattern: "^[A-Z][A-Za-z]+$" },
    },
    {
      name: "an ignored subject",
      files: { "schemas/Legacy_Thing/v1.json": v1 },
      options: { ignore: ["Legacy_Thing"] },
    },
  ],
  invalid: [
    {
      name: "camelCase",
      files: { "schemas/orderPlaced/v1.json": v1, "schemas/ok/v1.json": v1 },
      errors: [{ messageId: "mismatch", subject: "orderPlaced", file: "schemas/orderPlaced/v1.json" }],
    },
    {
      name: "snake_case against a custom pattern",
      files: { "schemas/order_placed/v1.json": v1 },
      options: { pattern: "^[a-z]+(-[a-z]+)*$" },
      errors: [{ messageId: "mismatch", subject: "order_placed" }],
    },
  ],
});

describe("subject-name-pattern", () => {
  describe("valid", () => it.each(cases.valid)("%s", (_, test) => test()));
  describe("invalid", () => it.each(cases.invalid)("%s", (_, test) => test()));
});
