import { Flags } from "@oclif/core";
import { BaseCommand } from "../../base-command.js";
import { renderConsumerPublish } from "../../format/consumer-publish-text.js";
import type { ConsumerPublishResult } from "../../publish/consumer-run.js";

export default class ConsumerPublish extends BaseCommand<ConsumerPublishResult> {
  static override summary = "Send what this consuming repository reads to the registry.";

  static override description =
    `Reads generate.consumer (this repository's name) and generate.reads (the paths it reads of each \
subject) from accord.yaml, checks each path against the source as accord generate does, and declares \
them in the registry (PUT /accord/v1/subjects/{subject}/consumers/{consumer}), which pins each to its \
latest version. A producer's accord check --registry then gates on them.

The registry comes from --registry, else generate.registry, else the catalog's registry.url. \
Credentials: user:pass@ in the URL, or ACCORD_REGISTRY_TOKEN, or ACCORD_REGISTRY_USER and \
ACCORD_REGISTRY_PASSWORD. With --dry-run, only reads from the registry and shows what would change.

Exit codes: 0 published (or nothing to change), 2 usage, configuration, declaration or connection \
error, 3 internal error.`;

  static override examples = [
    "<%= config.bin %> <%= command.id %> --registry http://localhost:8081",
    "<%= config.bin %> <%= command.id %> --dry-run --json",
  ];

  static override flags = {
    config: Flags.string({ description: "accord.yaml with the generate: section (default: ./accord.yaml)." }),
    registry: Flags.string({ description: "Registry URL." }),
    "dry-run": Flags.boolean({ description: "Read the registry only; show what would change." }),
  };

  async run(): Promise<ConsumerPublishResult> {
    const { flags } = await this.parse(ConsumerPublish);
    const { publishConsumer } = await import("../../publish/consumer-run.js");
    const result = await publishConsumer({
      ...(flags.config !== undefined ? { config: flags.config } : {}),
      ...(flags.registry !== undefined ? { registry: flags.registry } : {}),
      dryRun: flags["dry-run"] === true,
      cwd: process.cwd(),
    });
    await this.logReport(() => renderConsumerPublish(result));
    return result;
  }
}
