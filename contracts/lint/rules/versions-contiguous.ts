import type { LintRule } from "../types.js";

const rule: LintRule = {
  id: "versions-contiguous",
  category: "EVOLVABILITY",
  summary: "A subject's version files are numbered from 1 without gaps.",
  rationale:
    "Compatibility is checked from each version to the one before; a gap usually means a version was deleted or misnamed, and consumers' version numbers stop matching the registry's.",
  defaultSeverity: "error",
  messages: {
    gap: "Version {version} follows version {previous}; version {missing} is missing.",
    notFromOne: "The first version is {version}; versions start at 1.",
  },
  defaults: {},
  example: {
    title: "v3 without a v2",
    files: {
      "schemas/order-placed/v1.json": '{ "description": "An order was placed.", "type": "object" }\n',
      "schemas/order-placed/v3.json": '{ "description": "An order was placed.", "type": "object" }\n',
    },
    show: "schemas/order-placed/v3.json",
  },
  check(ctx) {
    for (const subject of ctx.subjects) {
      let previous = 0;
      for (const version of subject.versions) {
        if (version.version !== previous + 1) {
          const report = {
            subject: subject.name,
            version: version.version,
            file: version.file,
            pointer: "#",
          };
          ctx.report(
            previous === 0
              ? { ...report, messageId: "notFromOne", data: { version: version.version } }
              : {
                  ...report,
                  messageId: "gap",
                  data: {
                    version: version.version,
                    previous,
                    missing:
                      version.version - previous === 2
                        ? String(previous + 1)
                        : `${previous + 1}-${version.version - 1}`,
                  },
                },
          );
        }
        previous = version.version;
      }
    }
  },
};

export default Object.freeze(rule);
