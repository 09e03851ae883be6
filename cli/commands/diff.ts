import { Args, Flags } from "@oclif/core";
import { COMPATIBILITY_MODES } from "../../contracts/compat/types.js";
import { DRAFTS } from "../../contracts/schema/types.js";
import { BaseCommand } from "../base-command.js";
import { type CompatJson, compatJson } from "../format/compat-json.js";

/** Under `--json`, exactly the engine's report. */
/** Under `--json`: the compatibility report, rule ids under `ruleId`. */
export type DiffResult = CompatJson;

export default class Diff extends BaseCommand<DiffResult> {
  static override summary = "Check whether a new version of an event schema is compatible with an old one.";

  static override description =
    `Compares two JSON Schema files (JSON or YAML) under a compatibility mode and proves every \
incompatibility with an example event: valid under the writer's schema, rejected by the reader's.

BACKWARD (default): consumers on the new schema can read every event valid under the old one.
FORWARD: consumers still on the old schema can read every event valid under the new one.
FULL: both. NONE: always passes. With two files, the _TRANSITIVE forms act as their plain form.

Exit codes: 0 compatible, 1 incompatible or undetermined, 2 usage or input error, 3 internal error.`;

  static override examples = [
    "<%= config.bin %> <%= command.id %> examples/order-placed/v1.json examples/order-placed/v2.json",
    "<%= config.bin %> <%= command.id %> old.yaml new.yaml --mode FULL --json",
  ];

  static override args = {
    "old-file": Args.string({ description: "The earlier version of the schema.", required: true }),
    "new-file": Args.string({ description: "The candidate version of the schema.", required: true }),
  };

  static override flags = {
    mode: Flags.option({
      description: "Compatibility mode.",
      options: COMPATIBILITY_MODES,
      default: "BACKWARD",
    })(),
    "writers-emit-only-declared": Flags.boolean({
      description:
        "Assume producers emit only declared properties: objects without additionalProperties count as closed, so adding an optional property is compatible.",
    }),
    "annotation-keyword": Flags.string({
      description:
        "A keyword that never validates (a vendor's hint such as tsAdditionalProperties): read as an annotation, like x-* keywords. Repeatable.",
      multiple: true,
    }),
    "allow-undetermined": Flags.boolean({
      description: "Exit 0 (with a warning) when the verdict is undetermined instead of 1.",
    }),
    "default-draft": Flags.option({
      description: "Draft assumed for a schema without $schema (draft-07 if not set).",
      options: DRAFTS,
    })(),
  };

  async run(): Promise<DiffResult> {
    const { args, flags } = await this.parse(Diff);
    // Heavy modules (engine, loader, ajv, yaml) load only when a diff actually runs.
    const [{ readSchemaFile }, { compareSchemas }, { formatCompatReport }] = await Promise.all([
      import("../io.js"),
      import("../../contracts/compat/index.js"),
      import("../format/compat-text.js"),
    ]);

    const readOptions = flags["default-draft"] ? { defaultDraft: flags["default-draft"] } : {};
    const previous = await readSchemaFile(args["old-file"], readOptions);
    const current = await readSchemaFile(args["new-file"], readOptions);
    const report = compareSchemas(previous, current, flags.mode, {
      writersEmitOnlyDeclared: flags["writers-emit-only-declared"],
      annotationKeywords: flags["annotation-keyword"] ?? [],
    });

    await this.logReport(() =>
      formatCompatReport(report, {
        style: this.style,
        oldSource: previous.source,
        newSource: current.source,
        oldDraftAssumed: previous.draftAssumed,
        newDraftAssumed: current.draftAssumed,
      }),
    );

    if (report.verdict === "incompatible") {
      this.exitWithFindings();
    } else if (report.verdict === "undetermined") {
      if (flags["allow-undetermined"]) {
        this.warnLine(
          `verdict undetermined (${report.undetermined.length} spot(s) could not be decided); exiting 0 because of --allow-undetermined`,
        );
      } else {
        this.exitWithFindings();
      }
    }
    return compatJson(report);
  }
}
