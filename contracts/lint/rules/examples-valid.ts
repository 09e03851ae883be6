import type { ErrorObject } from "ajv";
import { newAjv } from "../../schema/ajv.js";
import { joinPointer } from "../../schema/pointer.js";
import type { Draft, Json } from "../../schema/types.js";
import { objectSchemas } from "../schema-nodes.js";
import { type LintRule, latest } from "../types.js";

/**
 * An example deep inside a schema must be checked against that sub-schema, whose `$ref`s point
 * into the whole document: ajv can compile a JSON Pointer into a registered document, so the
 * document is registered under a private key. Each document gets its own instance because two
 * versions of one subject usually share an `$id`, which one instance refuses to hold twice.
 */
function validatorsFor(
  root: Json,
  draft: Draft,
): (pointer: string) => ((value: unknown) => ErrorObject | null) | undefined {
  const ajv = newAjv(draft);
  const key = "accord-lint-document";
  ajv.addSchema(root as object, key);
  return (pointer) => {
    const validate = ajv.getSchema(pointer === "#" ? key : `${key}${pointer}`);
    if (!validate) return undefined;
    return (value) => (validate(value) ? null : (validate.errors?.[0] ?? null));
  };
}

const rule: LintRule = {
  id: "examples-valid",
  category: "DOCUMENTATION",
  summary: "Every value under `examples` in the newest version validates against the schema it sits in.",
  rationale:
    "Examples are copied into docs, tests and generated stubs; an example the schema rejects teaches consumers the wrong event.",
  defaultSeverity: "error",
  messages: {
    invalid: "Example {index} is rejected by its schema: {reason} (at {at}).",
  },
  defaults: {},
  example: {
    title: "an example that breaks its own schema",
    files: {
      "schemas/order-placed/v1.json":
        '{\n  "description": "An order was placed.",\n  "type": "object",\n  "properties": {\n    "amount": { "type": "number", "minimum": 0, "description": "Total." }\n  },\n  "examples": [{ "amount": -5 }]\n}\n',
    },
    show: "schemas/order-placed/v1.json",
  },
  check(ctx) {
    for (const subject of ctx.subjects) {
      const version = latest(subject);
      const { root, draft } = version.document;
      const withExamples = objectSchemas(root).filter(
        ({ node }) => Array.isArray(node.examples) && node.examples.length > 0,
      );
      // Compiling costs; documents without examples (most) skip it.
      if (withExamples.length === 0) continue;
      const validatorAt = validatorsFor(root, draft);
      for (const { node, pointer } of withExamples) {
        const validate = validatorAt(pointer);
        if (!validate) continue;
        (node.examples as Json[]).forEach((example, index) => {
          const error = validate(example);
          if (!error) return;
          ctx.report({
            messageId: "invalid",
            data: {
              index,
              reason: reason(error),
              at: error.instancePath === "" ? "the root" : error.instancePath,
            },
            subject: subject.name,
            version: version.version,
            file: version.file,
            pointer: joinPointer(pointer, "examples", index),
          });
        });
      }
    }
  },
};

function reason(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  if (error.keyword === "required") return `missing required property "${String(params.missingProperty)}"`;
  if (error.keyword === "additionalProperties")
    return `undeclared property "${String(params.additionalProperty)}"`;
  return error.message ?? error.keyword;
}

export default Object.freeze(rule);
