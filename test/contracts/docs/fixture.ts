import { readFileSync } from "node:fs";
import { join } from "node:path";
import { loadCatalog } from "../../../contracts/catalog/load.js";
import type { Catalog } from "../../../contracts/catalog/types.js";
import { REPO_ROOT } from "../../e2e/helpers.js";

/**
 * A small catalog that exercises what the docs show: three versions with a compatible and a
 * breaking step, a FULL subject with `$defs`, `oneOf` and own examples, a deprecated YAML subject
 * with a replacement, a recursive type, a subject without metadata, and text that must be escaped.
 */

const example = (name: string): string =>
  readFileSync(join(REPO_ROOT, "examples/order-placed", name), "utf8");

const paymentV1 = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  title: "PaymentCaptured",
  description: "The payment provider confirmed the money moved.",
  type: "object",
  additionalProperties: false,
  required: ["paymentId", "amount", "method"],
  properties: {
    paymentId: { type: "string", pattern: "^pay_[a-z0-9]+$" },
    amount: { $ref: "#/$defs/Money" },
    method: {
      description: "How the customer paid.",
      oneOf: [
        {
          type: "object",
          required: ["kind", "last4"],
          properties: { kind: { const: "card" }, last4: { type: "string", pattern: "^[0-9]{4}$" } },
        },
        {
          type: "object",
          required: ["kind", "iban"],
          properties: { kind: { const: "bank" }, iban: { type: "string", minLength: 15, maxLength: 34 } },
        },
      ],
    },
  },
  $defs: {
    Money: {
      description: "An amount in minor units.",
      type: "object",
      required: ["value", "currency"],
      properties: {
        value: { type: "integer", minimum: 0 },
        currency: { type: "string", enum: ["EUR", "USD"] },
      },
    },
  },
  examples: [
    {
      paymentId: "pay_1a2b",
      amount: { value: 1250, currency: "EUR" },
      method: { kind: "card", last4: "4242" },
    },
  ],
};

const paymentV2 = {
  ...paymentV1,
  properties: {
    ...paymentV1.properties,
    capturedAt: { description: "When the provider captured it.", type: "string", format: "date-time" },
  },
};

const customerRegistered = `$schema: "https://json-schema.org/draft/2020-12/schema"
title: CustomerRegistered
description: "A customer created an account <b>(legacy)</b>."
type: object
required: [customerId]
properties:
  customerId:
    type: string
  marketingOptIn:
    type: boolean
    default: false
`;

const customerSignedUp = {
  $schema: "http://json-schema.org/draft-07/schema#",
  title: "CustomerSignedUp",
  type: "object",
  required: ["customerId", "email"],
  properties: {
    customerId: { type: "string", minLength: 1 },
    email: { type: "string", format: "email", description: "Verified address." },
    interests: { type: "array", items: { $ref: "#/definitions/Category" } },
  },
  definitions: {
    Category: {
      type: "object",
      required: ["name"],
      properties: { name: { type: "string" }, parent: { $ref: "#/definitions/Category" } },
    },
  },
};

const auditEntry = {
  type: "object",
  properties: {
    actor: { type: "string" },
    matrix: { type: "array", items: { type: "array", items: { type: "number" } } },
    "x<script>alert(1)</script>": { type: "string", description: "<img src=x onerror=alert(1)>" },
  },
};

const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

export const FIXTURE_FILES: ReadonlyMap<string, string> = new Map([
  ["accord.yaml", "version: 1\ncompatibility: BACKWARD\ndocs:\n  title: Shop events\n"],
  [
    "schemas/order-placed/subject.yaml",
    `description: Checkout accepted and paid an order.
owners: [team-checkout]
topic: shop.orders
producers: [checkout]
consumers: [billing, analytics]
tags: [orders]
`,
  ],
  ["schemas/order-placed/v1.json", example("v1.json")],
  ["schemas/order-placed/v2.json", example("v2-compatible.json")],
  ["schemas/order-placed/v3.json", example("v2.json")],
  [
    "schemas/payment-captured/subject.yaml",
    `owners: [team-payments, finance]
topic: shop.payments
producers: [payments]
consumers: [billing]
compatibility: FULL
tags: [payments, orders]
`,
  ],
  ["schemas/payment-captured/v1.json", json(paymentV1)],
  ["schemas/payment-captured/v2.json", json(paymentV2)],
  [
    "schemas/customer-registered/subject.yaml",
    `owners: [team-identity]
topic: shop.customers
producers: [accounts]
consumers: [crm]
tags: [customers]
deprecated:
  reason: Replaced by the signup flow's event.
  replacement: customer-signed-up
`,
  ],
  ["schemas/customer-registered/v1.yaml", customerRegistered],
  [
    "schemas/customer-signed-up/subject.yaml",
    `owners: [team-identity]
topic: shop.customers
producers: [signup]
consumers: [crm, analytics]
tags: [customers]
`,
  ],
  ["schemas/customer-signed-up/v1.json", json(customerSignedUp)],
  ["schemas/audit-entry/v1.json", json(auditEntry)],
]);

export function fixtureCatalog(): Catalog {
  const loaded = loadCatalog(FIXTURE_FILES);
  if (!loaded.ok) throw new Error(`fixture catalog does not load: ${loaded.error.message}`);
  return loaded.value;
}
