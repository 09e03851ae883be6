import type { LintRule } from "../types.js";

const rule: LintRule = {
  id: "owners-required",
  category: "OWNERSHIP",
  summary: "Every subject names its owners in subject.yaml.",
  rationale:
    "When a contract has to change, or breaks, someone must be asked; owners make that someone findable.",
  defaultSeverity: "error",
  messages: {
    noMetaFile: "The subject has no subject.yaml naming its owners.",
    empty: "The subject.yaml names no owners.",
  },
  defaults: {},
  example: {
    title: "a subject.yaml without owners",
    files: {
      "schemas/order-placed/subject.yaml": "description: An order was placed.\ntopic: orders\n",
      "schemas/order-placed/v1.json": '{\n  "description": "An order was placed.",\n  "type": "object"\n}\n',
    },
    show: "schemas/order-placed/subject.yaml",
  },
  check(ctx) {
    for (const subject of ctx.subjects) {
      if (subject.meta.owners.length > 0) continue;
      ctx.report(
        subject.metaFile
          ? { messageId: "empty", subject: subject.name, file: subject.metaFile, pointer: "#" }
          : { messageId: "noMetaFile", subject: subject.name, file: subject.versions[0]?.file, pointer: "#" },
      );
    }
  },
};

export default Object.freeze(rule);
