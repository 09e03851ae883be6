/**
 * The files `accord init` writes: a catalog that passes `accord lint` and `accord check` as it
 * stands, with one subject in two versions, so a team sees every part in use and edits from there.
 * Pure: returns paths and contents; the command writes them.
 */
import type { RenderedFile } from "../files.js";

const ACCORD_YAML = `# Accord catalog settings. Reference: README, section "accord.yaml"; JSON Schema for editors:
# schemas/accord.schema.json in the Accord repository.
version: 1

# Default compatibility mode of every subject (subject.yaml can override it):
# NONE, BACKWARD, BACKWARD_TRANSITIVE, FORWARD, FORWARD_TRANSITIVE, FULL, FULL_TRANSITIVE.
compatibility: BACKWARD

# Draft assumed for a version file without $schema.
defaultDraft: draft-07

# true: producers never emit properties their schema does not declare, so adding an optional
# property to an open object is compatible.
writersEmitOnlyDeclared: false

# registry:
#   url: http://localhost:8081

lint:
  preset: standard
  rules:
    property-description-required: warning
    # envelope-fields-required: {severity: error, preset: cloudevents}

# Acknowledged breaking changes: a matching finding of \`accord check\` does not fail the gate.
exceptions: []
#  - subject: order-placed
#    version: 3
#    rule: enum-value-removed
#    reason: CHF was never offered in production.
#    expires: 2030-12-31
`;

const SUBJECT_YAML = `description: A customer placed an order in the web shop.
owners: [team-checkout]
topic: shop.orders.placed
producers: [checkout-service]
consumers: [billing-service, analytics-pipeline]
tags: [orders]
# compatibility: FULL        # overrides accord.yaml for this subject
# registrySubject: shop.orders.placed-value
`;

function orderPlaced(version: 1 | 2): string {
  const properties: Record<string, unknown> = {
    orderId: {
      type: "string",
      description: "Order identifier, unique per shop.",
      pattern: "^ord-[0-9a-z]+$",
    },
    placedAt: { type: "string", format: "date-time", description: "When the customer confirmed the order." },
    currency: { enum: ["EUR", "USD", "CHF"], description: "ISO 4217 code of every amount in the event." },
    total: { type: "number", minimum: 0, description: "Order total, taxes included." },
    lines: {
      type: "array",
      minItems: 1,
      description: "What was ordered.",
      items: {
        type: "object",
        description: "One line of the order.",
        additionalProperties: false,
        properties: {
          sku: { type: "string", maxLength: 32, description: "Stock keeping unit." },
          quantity: { type: "integer", minimum: 1, description: "How many units." },
        },
        required: ["sku", "quantity"],
      },
    },
  };
  if (version === 2) {
    properties.couponCode = { type: "string", description: "Promotion code applied at checkout, if any." };
  }
  const example: Record<string, unknown> = {
    orderId: "ord-7f3k2",
    placedAt: "2024-05-04T10:15:00Z",
    currency: "EUR",
    total: 42.5,
    lines: [{ sku: "TEE-RED-M", quantity: 2 }],
    ...(version === 2 ? { couponCode: "SPRING24" } : {}),
  };
  const schema = {
    $schema: "http://json-schema.org/draft-07/schema#",
    title: "OrderPlaced",
    description:
      version === 1
        ? "A customer placed an order."
        : "A customer placed an order. v2 adds the optional couponCode; the object is closed, so v1 events stay valid.",
    type: "object",
    additionalProperties: false,
    properties,
    required: ["orderId", "placedAt", "currency", "total", "lines"],
    examples: [example],
  };
  return `${JSON.stringify(schema, null, 2)}\n`;
}

export function renderInitCatalog(): RenderedFile[] {
  return [
    { path: "accord.yaml", content: ACCORD_YAML },
    { path: "schemas/order-placed/subject.yaml", content: SUBJECT_YAML },
    { path: "schemas/order-placed/v1.json", content: orderPlaced(1) },
    { path: "schemas/order-placed/v2.json", content: orderPlaced(2) },
  ];
}
