import { Ajv } from "ajv";

/**
 * The SARIF 2.1.0 structure GitHub code scanning accepts, as a JSON Schema: the OASIS schema's
 * required fields, types and enums for every object Accord writes (with their closed property
 * lists, so a misspelt property fails as it would against the full schema), plus what GitHub adds
 * on top: every result has a ruleId, a location with a relative URI and a start line, and
 * partialFingerprints. Written from the SARIF 2.1.0 specification (sections 3.13 to 3.52); the
 * published schema is not vendored here.
 */

const message = {
  type: "object",
  properties: {
    text: { type: "string" },
    markdown: { type: "string" },
    id: { type: "string" },
    arguments: { type: "array", items: { type: "string" } },
    properties: { type: "object" },
  },
  anyOf: [{ required: ["text"] }, { required: ["id"] }],
  additionalProperties: false,
};

const multiformat = {
  type: "object",
  properties: { text: { type: "string" }, markdown: { type: "string" }, properties: { type: "object" } },
  required: ["text"],
  additionalProperties: false,
};

const region = {
  type: "object",
  properties: {
    startLine: { type: "integer", minimum: 1 },
    startColumn: { type: "integer", minimum: 1 },
    endLine: { type: "integer", minimum: 1 },
    endColumn: { type: "integer", minimum: 1 },
    charOffset: { type: "integer", minimum: -1 },
    charLength: { type: "integer", minimum: 0 },
    byteOffset: { type: "integer", minimum: -1 },
    byteLength: { type: "integer", minimum: 0 },
    snippet: { type: "object" },
    message,
    sourceLanguage: { type: "string" },
    properties: { type: "object" },
  },
  // GitHub places an alert by its start line.
  required: ["startLine"],
  additionalProperties: false,
};

const artifactLocation = {
  type: "object",
  properties: {
    // GitHub resolves URIs against the repository root: relative, forward slashes, no scheme.
    uri: { type: "string", minLength: 1, not: { pattern: "^(/|[A-Za-z][A-Za-z0-9+.-]*:|\\.\\./)" } },
    uriBaseId: { type: "string" },
    index: { type: "integer", minimum: -1 },
    description: message,
    properties: { type: "object" },
  },
  required: ["uri"],
  additionalProperties: false,
};

const location = {
  type: "object",
  properties: {
    id: { type: "integer", minimum: -1 },
    physicalLocation: {
      type: "object",
      properties: {
        address: { type: "object" },
        artifactLocation,
        region,
        contextRegion: region,
        properties: { type: "object" },
      },
      required: ["artifactLocation", "region"],
      additionalProperties: false,
    },
    logicalLocations: { type: "array" },
    message,
    annotations: { type: "array" },
    relationships: { type: "array" },
    properties: { type: "object" },
  },
  required: ["physicalLocation"],
  additionalProperties: false,
};

const result = {
  type: "object",
  properties: {
    ruleId: { type: "string", minLength: 1 },
    ruleIndex: { type: "integer", minimum: -1 },
    rule: { type: "object" },
    kind: { enum: ["notApplicable", "pass", "fail", "review", "open", "informational"] },
    level: { enum: ["none", "note", "warning", "error"] },
    message,
    analysisTarget: artifactLocation,
    locations: { type: "array", minItems: 1, items: location },
    guid: { type: "string" },
    correlationGuid: { type: "string" },
    occurrenceCount: { type: "integer", minimum: 1 },
    partialFingerprints: { type: "object", additionalProperties: { type: "string" }, minProperties: 1 },
    fingerprints: { type: "object", additionalProperties: { type: "string" } },
    stacks: { type: "array" },
    codeFlows: { type: "array" },
    graphs: { type: "array" },
    graphTraversals: { type: "array" },
    relatedLocations: { type: "array", items: location },
    suppressions: {
      type: "array",
      items: {
        type: "object",
        properties: {
          guid: { type: "string" },
          kind: { enum: ["inSource", "external"] },
          status: { enum: ["accepted", "underReview", "rejected"] },
          justification: { type: "string" },
          location,
          properties: { type: "object" },
        },
        required: ["kind"],
        additionalProperties: false,
      },
    },
    baselineState: { enum: ["new", "unchanged", "updated", "absent"] },
    rank: { type: "number", minimum: -1, maximum: 100 },
    attachments: { type: "array" },
    hostedViewerUri: { type: "string" },
    workItemUris: { type: "array" },
    provenance: { type: "object" },
    fixes: { type: "array" },
    taxa: { type: "array" },
    webRequest: { type: "object" },
    webResponse: { type: "object" },
    properties: { type: "object" },
  },
  required: ["message", "ruleId", "locations", "partialFingerprints"],
  additionalProperties: false,
};

const reportingDescriptor = {
  type: "object",
  properties: {
    id: { type: "string", minLength: 1 },
    deprecatedIds: { type: "array" },
    guid: { type: "string" },
    deprecatedGuids: { type: "array" },
    name: { type: "string" },
    deprecatedNames: { type: "array" },
    shortDescription: multiformat,
    fullDescription: multiformat,
    messageStrings: { type: "object" },
    defaultConfiguration: { type: "object" },
    helpUri: { type: "string" },
    help: multiformat,
    relationships: { type: "array" },
    properties: { type: "object" },
  },
  required: ["id"],
  additionalProperties: false,
};

const toolComponentKeys = [
  "guid",
  "organization",
  "product",
  "productSuite",
  "fullName",
  "dottedQuadFileVersion",
  "releaseDateUtc",
  "downloadUri",
  "informationUri",
  "globalMessageStrings",
  "notifications",
  "taxa",
  "locations",
  "language",
  "contents",
  "isComprehensive",
  "localizedDataSemanticVersion",
  "minimumRequiredLocalizedDataSemanticVersion",
  "associatedComponent",
  "translationMetadata",
  "supportedTaxonomies",
  "properties",
];

const runKeys = [
  "invocations",
  "conversion",
  "language",
  "versionControlProvenance",
  "originalUriBaseIds",
  "artifacts",
  "logicalLocations",
  "graphs",
  "runAggregates",
  "baselineGuid",
  "redactionTokens",
  "defaultEncoding",
  "defaultSourceLanguage",
  "newlineSequences",
  "externalPropertyFileReferences",
  "threadFlowLocations",
  "taxonomies",
  "addresses",
  "translations",
  "policies",
  "webRequests",
  "webResponses",
  "specialLocations",
  "properties",
];

export const SARIF_2_1_0_GITHUB_SUBSET = {
  $schema: "http://json-schema.org/draft-07/schema#",
  type: "object",
  properties: {
    $schema: { type: "string" },
    version: { const: "2.1.0" },
    runs: {
      type: "array",
      minItems: 1,
      items: {
        type: "object",
        properties: {
          ...Object.fromEntries(runKeys.map((key) => [key, {}])),
          tool: {
            type: "object",
            properties: {
              driver: {
                type: "object",
                properties: {
                  ...Object.fromEntries(toolComponentKeys.map((key) => [key, {}])),
                  name: { type: "string", minLength: 1 },
                  version: { type: "string" },
                  semanticVersion: { type: "string" },
                  shortDescription: multiformat,
                  fullDescription: multiformat,
                  rules: { type: "array", items: reportingDescriptor },
                },
                required: ["name"],
                additionalProperties: false,
              },
              extensions: { type: "array" },
              properties: { type: "object" },
            },
            required: ["driver"],
            additionalProperties: false,
          },
          results: { type: "array", items: result },
          automationDetails: {
            type: "object",
            properties: {
              description: message,
              id: { type: "string" },
              guid: { type: "string" },
              correlationGuid: { type: "string" },
              properties: { type: "object" },
            },
            additionalProperties: false,
          },
          columnKind: { enum: ["utf16CodeUnits", "unicodeCodePoints"] },
        },
        required: ["tool"],
        additionalProperties: false,
      },
    },
    inlineExternalProperties: { type: "array" },
    properties: { type: "object" },
  },
  required: ["version", "runs"],
  additionalProperties: false,
};

/** Problems with a SARIF log: schema violations, then cross-references the schema cannot express. */
export function sarifProblems(log: unknown): string[] {
  const validate = new Ajv({ allErrors: true, strict: false }).compile(SARIF_2_1_0_GITHUB_SUBSET);
  if (!validate(log)) {
    return (validate.errors ?? []).map(
      (error) => `${error.instancePath || "/"} ${error.message ?? error.keyword}`,
    );
  }
  const problems: string[] = [];
  const typed = log as {
    runs: {
      tool: { driver: { rules?: { id: string }[] } };
      results?: { ruleId: string; ruleIndex?: number }[];
    }[];
  };
  for (const run of typed.runs) {
    const rules = run.tool.driver.rules ?? [];
    for (const [index, entry] of (run.results ?? []).entries()) {
      if (!rules.some((rule) => rule.id === entry.ruleId))
        problems.push(`results/${index}: rule ${entry.ruleId} not described`);
      if (entry.ruleIndex !== undefined && rules[entry.ruleIndex]?.id !== entry.ruleId) {
        problems.push(`results/${index}: ruleIndex ${entry.ruleIndex} does not point at ${entry.ruleId}`);
      }
    }
  }
  return problems;
}
