import type { LintRule } from "../types.js";

interface Options {
  readonly pattern: string;
}

const rule: LintRule<Options> = {
  id: "subject-name-pattern",
  category: "NAMING",
  summary: "Subject folder names match the catalog's naming pattern.",
  rationale:
    "Subject names end up in registry subjects, topic names, generated type names and URLs; one convention keeps them predictable.",
  defaultSeverity: "error",
  messages: {
    mismatch: 'Subject name "{name}" does not match the pattern {pattern}.',
  },
  options: {
    pattern: {
      type: "string",
      format: "regex",
      description:
        "Regular expression (JavaScript syntax) a subject name must match; kebab-case or dotted by default.",
    },
  },
  defaults: { pattern: "^[a-z][a-z0-9]*([.-][a-z0-9]+)*$" },
  example: {
    title: "a subject folder in camelCase",
    files: {
      "schemas/orderPlaced/v1.json": '{\n  "description": "An order was placed.",\n  "type": "object"\n}\n',
    },
    show: "schemas/orderPlaced/v1.json",
  },
  check(ctx) {
    const pattern = new RegExp(ctx.options.pattern, "u");
    for (const subject of ctx.subjects) {
      if (!pattern.test(subject.name)) {
        ctx.report({
          messageId: "mismatch",
          data: { name: subject.name, pattern: ctx.options.pattern },
          subject: subject.name,
          file: subject.versions[0]?.file,
          pointer: "#",
        });
      }
    }
  },
};

export default Object.freeze(rule);
