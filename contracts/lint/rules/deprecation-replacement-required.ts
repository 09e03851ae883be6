import type { LintRule } from "../types.js";

const rule: LintRule = {
  id: "deprecation-replacement-required",
  category: "LIFECYCLE",
  summary: "A deprecated subject names a replacement subject that exists in the catalog.",
  rationale: "Consumers told to stop using an event need to know what to use instead.",
  defaultSeverity: "error",
  messages: {
    missing: "The subject is deprecated but names no replacement.",
    unknown: 'The replacement "{replacement}" is not a subject in this catalog.',
  },
  defaults: {},
  example: {
    title: "a deprecation without a replacement",
    files: {
      "schemas/order-placed/subject.yaml":
        "owners: [team-checkout]\ndeprecated:\n  reason: Orders are now submitted, not placed.\n",
      "schemas/order-placed/v1.json": '{ "description": "An order was placed.", "type": "object" }\n',
    },
    show: "schemas/order-placed/subject.yaml",
  },
  check(ctx) {
    const names = new Set(ctx.catalog.subjects.map((subject) => subject.name));
    for (const subject of ctx.subjects) {
      const { deprecated } = subject.meta;
      if (!deprecated) continue;
      if (deprecated.replacement === undefined) {
        ctx.report({
          messageId: "missing",
          subject: subject.name,
          file: subject.metaFile,
          pointer: "#/deprecated",
        });
      } else if (!names.has(deprecated.replacement)) {
        ctx.report({
          messageId: "unknown",
          data: { replacement: deprecated.replacement },
          subject: subject.name,
          file: subject.metaFile,
          pointer: "#/deprecated/replacement",
        });
      }
    }
  },
};

export default Object.freeze(rule);
