import { isJsonObject } from "../../schema/json-value.js";
import { joinPointer } from "../../schema/pointer.js";
import { followRef, hasText, objectSchemas } from "../schema-nodes.js";
import { type LintRule, latest } from "../types.js";

const rule: LintRule = {
  id: "property-description-required",
  category: "DOCUMENTATION",
  summary: "Every property in the newest version of a subject has a description.",
  rationale:
    "Consumers read field descriptions to know units, formats and meaning; a property described only by its name gets misread.",
  defaultSeverity: "warning",
  messages: {
    missing: 'Property "{name}" has no description.',
  },
  defaults: {},
  example: {
    title: "a property without a description",
    files: {
      "schemas/order-placed/v1.json":
        '{\n  "description": "An order was placed.",\n  "type": "object",\n  "properties": {\n    "amount": { "type": "number" }\n  }\n}\n',
    },
    show: "schemas/order-placed/v1.json",
  },
  check(ctx) {
    for (const subject of ctx.subjects) {
      const version = latest(subject);
      const root = version.document.root;
      for (const { node, pointer } of objectSchemas(root)) {
        if (!isJsonObject(node.properties)) continue;
        for (const [name, property] of Object.entries(node.properties)) {
          // `true` and `false` property schemas cannot carry a description; a $ref may borrow its target's.
          if (!isJsonObject(property)) continue;
          if (hasText(property.description) || hasText(followRef(root, property).description)) continue;
          ctx.report({
            messageId: "missing",
            data: { name },
            subject: subject.name,
            version: version.version,
            file: version.file,
            pointer: joinPointer(pointer, "properties", name),
          });
        }
      }
    }
  },
};

export default Object.freeze(rule);
