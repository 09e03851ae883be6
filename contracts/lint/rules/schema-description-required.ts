import { hasText } from "../schema-nodes.js";
import { type LintRule, latest } from "../types.js";

const rule: LintRule = {
  id: "schema-description-required",
  category: "DOCUMENTATION",
  summary: "The newest version of every subject has a description at its root.",
  rationale:
    "The root description is what catalogs, generated docs and code comments show first; an event nobody can explain is an event nobody can safely consume.",
  defaultSeverity: "error",
  messages: {
    missing: "The schema has no description.",
  },
  defaults: {},
  example: {
    title: "a schema without a root description",
    files: { "schemas/order-placed/v1.json": '{\n  "type": "object",\n  "properties": {}\n}\n' },
    show: "schemas/order-placed/v1.json",
  },
  check(ctx) {
    for (const subject of ctx.subjects) {
      const version = latest(subject);
      const root = version.document.root;
      if (typeof root === "object" && root !== null && !Array.isArray(root) && hasText(root.description))
        continue;
      ctx.report({
        messageId: "missing",
        subject: subject.name,
        version: version.version,
        file: version.file,
        pointer: "#",
      });
    }
  },
};

export default Object.freeze(rule);
