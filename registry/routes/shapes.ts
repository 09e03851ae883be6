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

const strings = { type: "array", maxItems: 1000, items: { type: "string", maxLength: 4096 } } as const;

/** Confluent's Metadata: tags by path, string properties, names of sensitive properties. */
export const metadata = {
  $id: "Metadata",
  type: "object",
  additionalProperties: false,
  properties: {
    tags: { type: "object", maxProperties: 1000, additionalProperties: strings },
    properties: {
      type: "object",
      maxProperties: 1000,
      additionalProperties: { type: "string", maxLength: 65536 },
    },
    sensitive: strings,
  },
} as const;

/** A rule: its name identifies it (merging); the other fields are stored as sent, for clients. */
const rule = {
  type: "object",
  required: ["name"],
  properties: {
    name: { type: "string", minLength: 1, maxLength: 1024 },
    doc: { type: "string" },
    kind: { type: "string" },
    mode: { type: "string" },
    type: { type: "string" },
    tags: strings,
    params: { type: "object", additionalProperties: { type: "string" } },
    expr: { type: "string" },
    onSuccess: { type: "string" },
    onFailure: { type: "string" },
    disabled: { type: "boolean" },
  },
} as const;

const rules = { type: "array", maxItems: 1000, items: rule } as const;

export const ruleSet = {
  $id: "RuleSet",
  type: "object",
  additionalProperties: false,
  properties: { migrationRules: rules, domainRules: rules, encodingRules: rules },
} as const;

const metadataOrNull = { anyOf: [{ type: "null" }, { $ref: "Metadata#" }] } as const;
const ruleSetOrNull = { anyOf: [{ type: "null" }, { $ref: "RuleSet#" }] } as const;
/** In responses: whatever was stored, serialised as is. */
const stored = { type: "object", additionalProperties: true } as const;

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
    metadata: metadataOrNull,
    ruleSet: ruleSetOrNull,
    // The official client sends back the GUID of a schema it fetched; identity is computed, not taken.
    guid: { type: "string", maxLength: 64 },
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
    guid: { type: "string" },
    schemaType: { type: "string" },
    schema: { type: "string" },
    references: { $ref: "ReferenceList#" },
    metadata: stored,
    ruleSet: stored,
    deleted: { type: "boolean" },
  },
} as const;

export const registerResponse = {
  $id: "RegisterResponse",
  type: "object",
  properties: {
    id: { type: "integer" },
    version: { type: "integer" },
    guid: { type: "string" },
    schemaType: { type: "string" },
    schema: { type: "string" },
    references: { $ref: "ReferenceList#" },
    metadata: stored,
    ruleSet: stored,
  },
} as const;

export const SHARED_SCHEMAS = [
  metadata,
  ruleSet,
  schemaRequest,
  referenceList,
  subjectVersion,
  registerResponse,
];

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
