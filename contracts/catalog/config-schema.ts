import { COMPATIBILITY_MODES } from "../compat/types.js";
import { DRAFTS } from "../schema/types.js";

/**
 * The JSON Schemas of accord.yaml and subject.yaml. They are the single description of both files:
 * the loader validates with them, and `schemas/accord.schema.json` (shipped for editors) is
 * generated from `accordConfigSchema()`; a test fails when the committed file drifts.
 */

/** What the config schema needs to know about each lint rule to describe its setting. */
export interface LintRuleShape {
  readonly id: string;
  readonly summary: string;
  /** Properties of the rule's options (JSON Schema), allowed inline beside `severity` and `ignore`. */
  readonly options?: Readonly<Record<string, unknown>>;
}

export const LINT_PRESETS = ["minimal", "standard", "strict"] as const;

const SEVERITY = { enum: ["error", "warning", "off"] };

const RULE_ID_PATTERN = "^[a-z0-9]+(-[a-z0-9]+)*$";

function ruleSetting(rule: LintRuleShape | undefined): Record<string, unknown> {
  return {
    ...(rule ? { description: rule.summary } : {}),
    oneOf: [
      { ...SEVERITY, description: "Severity, or off." },
      {
        type: "object",
        properties: {
          severity: SEVERITY,
          ignore: {
            type: "array",
            description: "Subjects (folder names under schemas/) the rule does not apply to.",
            items: { type: "string", minLength: 1 },
            uniqueItems: true,
          },
          ...(rule?.options ?? {}),
        },
        // Without the rule list (the catalog loader's view) options cannot be checked here; the
        // linter checks them against each rule's own schema.
        additionalProperties: rule === undefined,
      },
    ],
  };
}

/**
 * accord.yaml's schema. Given the lint rules, it has one entry per rule, so editors complete rule
 * ids and options; without them (how the catalog loader reads the file, knowing nothing of lint)
 * any kebab-case id and any options pass, and the linter checks them.
 */
export function accordConfigSchema(rules?: readonly LintRuleShape[]): Record<string, unknown> {
  const sorted = [...(rules ?? [])].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return {
    $schema: "http://json-schema.org/draft-07/schema#",
    $id: "https://accord.dev/schemas/accord.schema.json",
    title: "accord.yaml",
    description:
      "Configuration of an Accord event-contract catalog: defaults for every subject under schemas/, lint settings and acknowledged breaking changes.",
    type: "object",
    properties: {
      version: {
        description:
          "Configuration version. It fixes what each lint preset contains, so upgrades never change results silently.",
        const: 1,
      },
      compatibility: {
        description: "Default compatibility mode of every subject (subject.yaml may override it).",
        enum: [...COMPATIBILITY_MODES],
      },
      defaultDraft: {
        description: "JSON Schema draft assumed for a version file without $schema.",
        enum: [...DRAFTS],
      },
      writersEmitOnlyDeclared: {
        description:
          "Assume producers emit only declared properties: objects without additionalProperties count as closed on the writer's side.",
        type: "boolean",
      },
      annotationKeywords: {
        description:
          "Keywords that never validate (a vendor's hints such as tsAdditionalProperties): compatibility checks read them as annotations, like x-* keywords.",
        type: "array",
        items: { type: "string", minLength: 1 },
        uniqueItems: true,
      },
      consumerGate: {
        description:
          "Gate new versions on what declared consumers read: a break of a consumer's reads fails (consumer-broken); a break of the compatibility mode that no declared consumer reads is a warning. subject.yaml may override it.",
        type: "boolean",
      },
      registry: {
        description: "The schema registry `accord check --registry` and `accord publish` talk to.",
        type: "object",
        properties: {
          url: {
            type: "string",
            pattern: "^https?://",
            description: "Base URL, e.g. http://localhost:8081.",
          },
        },
        required: ["url"],
      },
      lint: {
        description: "Governance rules run by `accord lint`.",
        type: "object",
        properties: {
          preset: {
            description: "Which rules are on before `rules` adjusts them.",
            enum: [...LINT_PRESETS],
          },
          rules: {
            description: "Per rule: off, error, warning, or an object with severity, ignore and options.",
            type: "object",
            ...(rules
              ? {
                  properties: Object.fromEntries(sorted.map((rule) => [rule.id, ruleSetting(rule)])),
                  propertyNames: { enum: sorted.map((rule) => rule.id) },
                }
              : {
                  propertyNames: { pattern: RULE_ID_PATTERN },
                  additionalProperties: ruleSetting(undefined),
                }),
          },
        },
        additionalProperties: false,
      },
      exceptions: {
        description:
          "Acknowledged breaking changes: a matching finding of `accord check` is reported as acknowledged and does not fail the gate.",
        type: "array",
        items: {
          type: "object",
          properties: {
            subject: { type: "string", minLength: 1, description: "Subject (folder name under schemas/)." },
            version: { type: "integer", minimum: 1, description: "The version the change arrives in." },
            rule: { type: "string", pattern: RULE_ID_PATTERN, description: "Rule id of the finding." },
            fingerprint: {
              type: "string",
              pattern: "^[0-9a-f]{16}$",
              description: "A finding's fingerprint (16 hex digits), as `accord check` prints it.",
            },
            reason: { type: "string", minLength: 1, description: "Why the break is acceptable." },
            expires: {
              type: "string",
              format: "date",
              description: "Last day (YYYY-MM-DD) the exception holds; afterwards the finding fails again.",
            },
          },
          required: ["reason"],
          additionalProperties: false,
        },
      },
    },
    // Other commands keep their own sections here (generate:, docs:); a mistyped scalar setting
    // still fails because unknown keys must hold objects.
    additionalProperties: { type: "object" },
  };
}

/** subject.yaml's schema. */
export const SUBJECT_META_SCHEMA: Record<string, unknown> = {
  $schema: "http://json-schema.org/draft-07/schema#",
  title: "subject.yaml",
  type: "object",
  properties: {
    description: { type: "string" },
    owners: { type: "array", items: { type: "string", minLength: 1 }, uniqueItems: true },
    topic: { type: "string", minLength: 1 },
    producers: { type: "array", items: { type: "string", minLength: 1 }, uniqueItems: true },
    consumers: {
      type: "array",
      items: {
        anyOf: [
          { type: "string", minLength: 1 },
          {
            type: "object",
            properties: {
              name: { type: "string", minLength: 1 },
              reads: { type: "array", items: { type: "string" }, minItems: 1, uniqueItems: true },
              version: { type: "integer", minimum: 1 },
              schema: { type: "string", minLength: 1 },
            },
            required: ["name"],
            not: { required: ["reads", "schema"] },
            additionalProperties: false,
          },
        ],
      },
    },
    consumerGate: { type: "boolean" },
    compatibility: { enum: [...COMPATIBILITY_MODES] },
    tags: { type: "array", items: { type: "string", minLength: 1 }, uniqueItems: true },
    deprecated: {
      type: "object",
      properties: {
        reason: { type: "string", minLength: 1 },
        replacement: { type: "string", minLength: 1 },
      },
      required: ["reason"],
      additionalProperties: false,
    },
    registrySubject: { type: "string", minLength: 1 },
    lint: {
      type: "object",
      properties: {
        ignore: { type: "array", items: { type: "string", pattern: RULE_ID_PATTERN }, uniqueItems: true },
      },
      additionalProperties: false,
    },
  },
  patternProperties: { "^x-": {} },
  additionalProperties: false,
};
