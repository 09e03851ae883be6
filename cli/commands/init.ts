import { Args } from "@oclif/core";
import { BaseCommand } from "../base-command.js";

export interface InitResult {
  /** The catalog folder, as given. */
  readonly dir: string;
  /** Files written, relative to it. */
  readonly files: readonly string[];
}

export default class Init extends BaseCommand<InitResult> {
  static override summary = "Create a catalog: accord.yaml and a sample subject in two versions.";

  static override description =
    `Writes accord.yaml (the catalog's settings) and schemas/order-placed/ (subject.yaml and \
versions v1 and v2) into DIR, creating it if needed. Never overwrites a file: if any of them exists, \
nothing is written. The result passes accord lint and accord check as it stands.`;

  static override examples = [
    "<%= config.bin %> <%= command.id %>",
    "<%= config.bin %> <%= command.id %> contracts",
  ];

  static override args = {
    dir: Args.string({ description: "Folder for the catalog.", default: "." }),
  };

  async run(): Promise<InitResult> {
    const { args } = await this.parse(Init);
    const [{ renderInitCatalog }, { writeNewFiles }] = await Promise.all([
      import("../../templates/init/index.js"),
      import("../catalog-io.js"),
    ]);
    const files = renderInitCatalog();
    await writeNewFiles(args.dir, files);
    const shown = args.dir === "." ? "" : `${args.dir}/`;
    const cd = args.dir === "." ? "" : `cd ${args.dir} && `;
    this.log(
      [
        `Created an Accord catalog${args.dir === "." ? "" : ` in ${args.dir}`}:`,
        ...files.map((file) => `  ${shown}${file.path}`),
        "",
        "Next:",
        `  1. Look at ${shown}schemas/order-placed/: v2 adds an optional property to a closed object.`,
        `  2. ${cd}accord lint                      check the governance rules`,
        `  3. ${cd}accord check                     check every version against the ones before`,
        `  4. ${cd}accord new-version order-placed  copy v2 to v3, then edit v3`,
        "  5. Commit, and run `accord check --against main` in CI (README: The CI gate).",
      ].join("\n"),
    );
    return { dir: args.dir, files: files.map((file) => file.path) };
  }
}
