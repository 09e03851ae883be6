import { joinPointer } from "../../schema/pointer.js";
import { describesObject, objectSchemas } from "../schema-nodes.js";
import { type LintRule, latest } from "../types.js";

type Policy = "explicit" | "closed" | "open";

interface Options {
  readonly policy: Policy;
}

const rule: LintRule<Options> = {
  id: "object-openness-explicit",
  category: "EVOLVABILITY",
  summary:
    "Every object schema in the newest version states whether it is open or closed to undeclared properties.",
  rationale:
    "Whether an object is open decides which changes are compatible (an optional property may be added to a closed object, not to an open one); leaving it implicit makes that decision by accident.",
  defaultSeverity: "warning",
  messages: {
    implicit:
      "The object does not say whether it allows undeclared properties (set additionalProperties or unevaluatedProperties).",
    notClosed: "The object allows undeclared properties; the catalog's policy is closed objects.",
    notOpen: "The object forbids undeclared properties; the catalog's policy is open objects.",
  },
  options: {
    policy: {
      enum: ["explicit", "closed", "open"],
      description:
        "explicit: additionalProperties (or unevaluatedProperties) must be present; closed: it must be false; open: it must not be false.",
    },
  },
  defaults: { policy: "explicit" },
  example: {
    title: "an object that leaves additionalProperties unsaid",
    files: {
      "schemas/order-placed/v1.json":
        '{\n  "description": "An order was placed.",\n  "type": "object",\n  "properties": {\n    "orderId": { "type": "string", "description": "Order id." }\n  }\n}\n',
    },
    show: "schemas/order-placed/v1.json",
  },
  check(ctx) {
    for (const subject of ctx.subjects) {
      const version = latest(subject);
      for (const { node, pointer } of objectSchemas(version.document.root)) {
        if (!describesObject(node)) continue;
        // unevaluatedProperties closes an object across allOf branches, where additionalProperties cannot.
        const keyword =
          node.additionalProperties !== undefined ? "additionalProperties" : "unevaluatedProperties";
        const setting = node[keyword];
        const closed = setting === false;
        let messageId: string | undefined;
        if (setting === undefined) {
          if (ctx.options.policy !== "open")
            messageId = ctx.options.policy === "closed" ? "notClosed" : "implicit";
        } else if (ctx.options.policy === "closed" && !closed) messageId = "notClosed";
        else if (ctx.options.policy === "open" && closed) messageId = "notOpen";
        if (!messageId) continue;
        ctx.report({
          messageId,
          subject: subject.name,
          version: version.version,
          file: version.file,
          pointer: setting === undefined ? pointer : joinPointer(pointer, keyword),
        });
      }
    }
  },
};

export default Object.freeze(rule);
