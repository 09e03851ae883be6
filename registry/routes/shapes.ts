/**
 * JSON Schemas of request and response bodies, registered once on the app by `$id` and referred
 * to by routes. Response schemas make fastify serialise fast and never leak an extra field.
 */

const INT32 = 2 ** 31 - 1;

const reference = {
  type: "object",
  additionalProperties: false,
  required: ["name", "subject", "version"],
  properties: {
    name: { type: "string", minLength: 1, maxLength: 1024 },
    subject: { type: "string", minLength: 1, maxLength: 1024 },
    // -1 means "latest" and is pinned to a concrete version when stored.
    version: { type: "integer", minimum: -1, maximum: INT32, not: { const: 0 } },
  },
} as const;

/** Confluent's metadata and rule sets are not supported; clients that send them empty are fine. */
const emptyOrNull = { anyOf: [{ type: "null" }, { type: "object", maxProperties: 0 }] } as const;

export const schemaRequest = {
  $id: "SchemaRequest",
  type: "object",
  additionalProperties: false,
  required: ["schema"],
  properties: {
    schema: { type: "string" },
    schemaType: { type: "string" },
    references: { type: ["array", "null"], maxItems: 1000, items: reference },
    id: { type: "integer", minimum: 1, maximum: INT32 },
    version: { type: "integer", minimum: 1, maximum: INT32 },
    metadata: emptyOrNull,
    ruleSet: emptyOrNull,
  },
} as const;

export const referenceList = {
  $id: "ReferenceList",
  type: "array",
  items: {
    type: "object",
    properties: { name: { type: "string" }, subject: { type: "string" }, version: { type: "integer" } },
  },
} as const;

export const subjectVersion = {
  $id: "SubjectVersion",
  type: "object",
  properties: {
    subject: { type: "string" },
    version: { type: "integer" },
    id: { type: "integer" },
    schemaType: { type: "string" },
    schema: { type: "string" },
    references: { $ref: "ReferenceList#" },
    deleted: { type: "boolean" },
  },
} as const;

export const registerResponse = {
  $id: "RegisterResponse",
  type: "object",
  properties: {
    id: { type: "integer" },
    version: { type: "integer" },
    schemaType: { type: "string" },
    schema: { type: "string" },
    references: { $ref: "ReferenceList#" },
  },
} as const;

export const SHARED_SCHEMAS = [schemaRequest, referenceList, subjectVersion, registerResponse];

/** Query strings stay strings (no coercion): routes read Confluent's lenient booleans themselves. */
export function query<const K extends string>(...names: K[]) {
  return {
    type: "object",
    properties: Object.fromEntries(names.map((name) => [name, { type: "string" }])) as Record<
      K,
      { type: "string" }
    >,
  } as const;
}

export const subjectParams = {
  type: "object",
  required: ["subject"],
  properties: { subject: { type: "string" } },
} as const;

export const subjectVersionParams = {
  type: "object",
  required: ["subject", "version"],
  properties: { subject: { type: "string" }, version: { type: "string" } },
} as const;
