import type { LintRule } from "../types.js";

const rule: LintRule = {
  id: "version-immutable",
  category: "EVOLVABILITY",
  summary: "No version file that exists at the base ref is edited or deleted.",
  rationale:
    "A published version is a promise to every producer and consumer pinned to it; changing it in place changes events already in flight without any compatibility check. Publish a new version instead.",
  defaultSeverity: "error",
  messages: {
    edited: "Version {version} was published at the base ref and has been edited; add v{next} instead.",
    removed: "Version {version} was published at the base ref and has been deleted.",
  },
  defaults: {},
  needsBase: true,
  example: {
    title: "an edit to a published version (run with --against main)",
    base: { "schemas/order-placed/v1.json": '{ "description": "An order was placed.", "type": "object" }\n' },
    files: {
      "schemas/order-placed/v1.json":
        '{ "description": "An order was placed.", "type": "object", "required": ["orderId"] }\n',
    },
    show: "schemas/order-placed/v1.json",
  },
  check(ctx) {
    if (!ctx.base) return;
    const applies = new Set(ctx.subjects.map((subject) => subject.name));
    const removedSubjects = new Set(ctx.base.changes.removedSubjects.map((subject) => subject.name));
    for (const change of ctx.base.changes.versions) {
      // A removed subject has no entry in ctx.subjects; its ignores cannot have been set per subject.
      if (!applies.has(change.subject) && !removedSubjects.has(change.subject)) continue;
      if (change.kind === "edited") {
        const subject = ctx.catalog.subjects.find((candidate) => candidate.name === change.subject);
        const last = subject?.versions[subject.versions.length - 1]?.version ?? change.version.version;
        ctx.report({
          messageId: "edited",
          data: { version: change.version.version, next: last + 1 },
          subject: change.subject,
          version: change.version.version,
          file: change.version.file,
          pointer: "#",
        });
      } else if (change.kind === "removed") {
        ctx.report({
          messageId: "removed",
          data: { version: change.base.version },
          subject: change.subject,
          version: change.base.version,
          file: change.base.file,
        });
      }
    }
  },
};

export default Object.freeze(rule);
