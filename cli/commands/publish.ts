import { Flags } from "@oclif/core";
import { BaseCommand } from "../base-command.js";
import { catalogFlag } from "../flags.js";
import { renderPublish } from "../format/publish-text.js";
import type { PublishResult } from "../publish/run.js";

export default class Publish extends BaseCommand<PublishResult> {
  static override summary = "Register the catalog's versions in a schema registry.";

  static override description =
    `Registers, subject by subject and in version order, every catalog version the registry does not \
hold yet (under the subject's registrySubject), after setting the subject's compatibility level \
(subject.yaml, else accord.yaml) with PUT /config/{subject}. A version the registry already holds is \
reported as existing, so publishing twice is safe. Schemas are sent as JSON (YAML versions converted).

The registry URL comes from --registry, else registry.url in accord.yaml. Credentials: user:pass@ in \
the URL, or ACCORD_REGISTRY_TOKEN, or ACCORD_REGISTRY_USER and ACCORD_REGISTRY_PASSWORD.

With --dry-run, only reads from the registry and prints what it would do.

Exit codes: 0 published (or nothing to do), 1 a version was rejected, 2 usage, configuration or \
connection error, 3 internal error.`;

  static override examples = [
    "<%= config.bin %> <%= command.id %> --registry http://localhost:8081",
    "<%= config.bin %> <%= command.id %> --dry-run",
    "<%= config.bin %> <%= command.id %> --catalog contracts --subject 'order-*' --json",
  ];

  static override flags = {
    catalog: catalogFlag,
    registry: Flags.string({ description: "Registry URL (default: registry.url in accord.yaml)." }),
    "dry-run": Flags.boolean({ description: "Read the registry only; print what would be registered." }),
    subject: Flags.string({ description: "Subject pattern (* and ?); repeatable.", multiple: true }),
  };

  async run(): Promise<PublishResult> {
    const { flags } = await this.parse(Publish);
    const [{ publishCatalog }, { progressOnStderr }] = await Promise.all([
      import("../publish/run.js"),
      import("../progress.js"),
    ]);
    const progress = progressOnStderr("accord publish: versions");
    let result: PublishResult;
    try {
      result = await publishCatalog({
        dir: flags.catalog,
        dryRun: flags["dry-run"] === true,
        ...(flags.registry === undefined ? {} : { registry: flags.registry }),
        ...(flags.subject === undefined ? {} : { subjects: flags.subject }),
        onProgress: (done, total) => progress.update(done, total),
      });
    } finally {
      progress.done();
    }
    await this.logReport(() => renderPublish(result, this.style));
    if (result.rejected.length > 0) this.exitWithFindings();
    return result;
  }
}
