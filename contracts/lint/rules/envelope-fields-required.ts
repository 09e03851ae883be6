import { isJsonObject } from "../../schema/json-value.js";
import { joinPointer } from "../../schema/pointer.js";
import { type LintRule, latest } from "../types.js";

interface Options {
  readonly preset?: "cloudevents";
  readonly fields?: readonly string[];
}

/** CloudEvents 1.0's required context attributes. */
export const CLOUDEVENTS_FIELDS: readonly string[] = ["id", "source", "specversion", "type"];

const rule: LintRule<Options> = {
  id: "envelope-fields-required",
  category: "ENVELOPE",
  summary: "The newest version of every subject declares the envelope fields as required root properties.",
  rationale:
    "Routing, deduplication and tracing rely on the same envelope on every event (CloudEvents: id, source, specversion, type).",
  defaultSeverity: "error",
  messages: {
    notDeclared: 'Envelope field "{field}" is not a property of the event.',
    notRequired: 'Envelope field "{field}" is declared but not required.',
  },
  options: {
    preset: {
      enum: ["cloudevents"],
      description: "A named field list: cloudevents is id, source, specversion and type.",
    },
    fields: {
      type: "array",
      items: { type: "string", minLength: 1 },
      uniqueItems: true,
      description: "Field names every event must declare and require (added to the preset's).",
    },
  },
  defaults: {},
  example: {
    title: "an event missing CloudEvents' specversion (rule set to {preset: cloudevents})",
    files: {
      "schemas/order-placed/v1.json":
        '{\n  "description": "An order was placed.",\n  "type": "object",\n  "properties": {\n    "id": { "type": "string" },\n    "source": { "type": "string" },\n    "type": { "type": "string" }\n  },\n  "required": ["id", "source", "type"]\n}\n',
    },
    show: "schemas/order-placed/v1.json",
  },
  check(ctx) {
    const fields = [
      ...new Set([
        ...(ctx.options.preset === "cloudevents" ? CLOUDEVENTS_FIELDS : []),
        ...(ctx.options.fields ?? []),
      ]),
    ];
    // Switched on with neither a preset nor fields: CloudEvents is the envelope people mean.
    const required = fields.length > 0 ? fields : CLOUDEVENTS_FIELDS;
    for (const subject of ctx.subjects) {
      const version = latest(subject);
      const root = version.document.root;
      const properties = isJsonObject(root) && isJsonObject(root.properties) ? root.properties : {};
      const listed = isJsonObject(root) && Array.isArray(root.required) ? root.required : [];
      for (const field of required) {
        const declared = Object.hasOwn(properties, field);
        if (declared && listed.includes(field)) continue;
        ctx.report({
          messageId: declared ? "notRequired" : "notDeclared",
          data: { field },
          subject: subject.name,
          version: version.version,
          file: version.file,
          pointer: declared
            ? joinPointer("#", "properties", field)
            : isJsonObject(root) && root.properties
              ? "#/properties"
              : "#",
        });
      }
    }
  },
};

export default Object.freeze(rule);
