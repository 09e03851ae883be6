import { readFileSync } from "node:fs";
import type { Json } from "../../../contracts/schema/types.js";

const example = (name: string): Json =>
  JSON.parse(
    readFileSync(new URL(`../../../examples/order-placed/${name}`, import.meta.url), "utf8"),
  ) as Json;

export const ORDER_V1 = example("v1.json");
export const ORDER_V2 = example("v2.json");

/**
 * Uses every kind of generated helper: a function format (date, uri), a regex format (uuid),
 * string length (ucs2length), uniqueItems over objects (equal), a recursive $ref, and const/enum.
 */
export const SHIPMENT_V1: Json = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  type: "object",
  required: ["shipmentId", "shippedOn", "parcels", "kind"],
  additionalProperties: false,
  $defs: {
    weight: {
      type: "object",
      required: ["value", "unit"],
      properties: { value: { type: "number", exclusiveMinimum: 0 }, unit: { enum: ["kg", "lb"] } },
    },
    category: {
      type: "object",
      required: ["name"],
      properties: {
        name: { type: "string", maxLength: 20 },
        children: { type: "array", items: { $ref: "#/$defs/category" } },
      },
    },
  },
  properties: {
    shipmentId: { type: "string", format: "uuid" },
    shippedOn: { type: "string", format: "date" },
    tracking: { type: "string", format: "uri" },
    kind: { const: "shipment" },
    parcels: {
      type: "array",
      minItems: 1,
      uniqueItems: true,
      items: {
        type: "object",
        required: ["weight"],
        properties: {
          weight: { $ref: "#/$defs/weight" },
          label: { type: "string", pattern: "^[A-Z]{2}-[0-9]+$" },
        },
      },
    },
    category: { $ref: "#/$defs/category" },
    tags: { type: "object", additionalProperties: { type: "string" } },
  },
};

/** v2 adds an optional field; weight and category are unchanged, so they are declared once (in v1). */
export const SHIPMENT_V2: Json = {
  ...(SHIPMENT_V1 as Record<string, Json>),
  properties: {
    ...((SHIPMENT_V1 as Record<string, Record<string, Json>>).properties as object),
    carrier: { type: "string" },
  },
};

export const VALID_SHIPMENT = {
  shipmentId: "6f1c1f1e-6a5e-4b7e-9d3c-1b2a3c4d5e6f",
  shippedOn: "2024-02-29",
  tracking: "https://track.example/abc",
  kind: "shipment",
  parcels: [{ weight: { value: 1.5, unit: "kg" }, label: "AB-12" }, { weight: { value: 2, unit: "lb" } }],
  category: { name: "books", children: [{ name: "novels" }] },
  tags: { fragile: "yes" },
};
