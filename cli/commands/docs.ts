import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { Flags } from "@oclif/core";
import { AccordFailure, accordError } from "../../contracts/errors.js";
import { DOCS_FORMATS } from "../../templates/docs/formats.js";
import { BaseCommand } from "../base-command.js";
import type { GeneratedDocs } from "../docs/generate.js";
import { catalogFlag } from "../flags.js";
import { registryCredentialFlags, useRegistryCredentials } from "../registry-credentials.js";

const DEFAULT_PORT = 4000;

/** Under `--json`: what was built and where; `url` only with `--serve`. */
export type DocsResult = GeneratedDocs & { readonly url?: string };

export default class Docs extends BaseCommand<DocsResult> {
  static override summary =
    "Build the event catalog's documentation: an HTML site, Markdown pages or an AsyncAPI 3 document.";

  static override description =
    `Reads the catalog (or, with --registry, every subject a registry holds) and writes:

html (default): a static site that opens from disk: an index grouped by tag with search over names, descriptions and field names; a page per event with owners, producers and consumers, a field table and the raw schema for every version, an example event, and each version's change with the compatibility verdict and the events that prove its breaks; a map of producers, events and consumers.
markdown: README.md and a page per event, for a wiki or a docs folder.
asyncapi: asyncapi.json, an AsyncAPI 3.0 document with a channel per topic, a message per event version and send/receive operations per service.

Only files an earlier run wrote are replaced or removed (see .accord-docs.json in the output folder).`;

  static override examples = [
    "<%= config.bin %> <%= command.id %>",
    "<%= config.bin %> <%= command.id %> --out site --serve --port 8080",
    "<%= config.bin %> <%= command.id %> --format markdown --out docs/events",
    "<%= config.bin %> <%= command.id %> --format asyncapi --registry http://localhost:8081",
  ];

  static override flags = {
    out: Flags.string({ description: "Output folder.", default: "accord-docs" }),
    format: Flags.option({ description: "What to build.", options: DOCS_FORMATS, default: "html" })(),
    catalog: catalogFlag,
    registry: Flags.string({ description: "Document what this registry holds instead of the catalog." }),
    cache: Flags.boolean({
      description:
        "Reuse the documentation of subjects whose files did not change since an earlier build (--no-cache: build everything).",
      default: true,
      allowNo: true,
    }),
    "cache-dir": Flags.string({
      description: "Where the cache lives (default: $XDG_CACHE_HOME/accord/docs or ~/.cache/accord/docs).",
    }),
    serve: Flags.boolean({
      description: "After building the HTML site, serve it on localhost until interrupted.",
    }),
    port: Flags.integer({
      description: `Port for --serve (default ${DEFAULT_PORT}; 0 picks a free one).`,
      min: 0,
      max: 65535,
      dependsOn: ["serve"],
    }),
    ...registryCredentialFlags,
  };

  async run(): Promise<DocsResult> {
    const { flags } = await this.parse(Docs);
    useRegistryCredentials(flags);
    if (flags.serve && flags.format !== "html") {
      throw new AccordFailure(
        accordError("ACCORD_ERR_USAGE", ["--serve serves the HTML site; drop --format or --serve"]),
      );
    }
    const [{ generateDocs }, { defaultCacheDir }] = await Promise.all([
      import("../docs/generate.js"),
      import("../docs/cache.js"),
    ]);
    const result = await generateDocs({
      format: flags.format,
      out: flags.out,
      catalog: flags.catalog,
      ...(flags.registry !== undefined ? { registry: flags.registry } : {}),
      ...(flags.cache ? { cacheDir: flags["cache-dir"] ?? defaultCacheDir() } : {}),
    });
    for (const warning of result.warnings) this.warnLine(warning);
    const removed = result.removed > 0 ? `, removed ${result.removed} stale` : "";
    const cached = result.cached > 0 ? `, ${result.cached} unchanged from the cache` : "";
    const events = `${result.subjects} event${result.subjects === 1 ? "" : "s"}`;
    const versions = `${result.versions} version${result.versions === 1 ? "" : "s"}`;
    this.log(
      `Wrote ${result.files} files for ${events} (${versions}) to ${result.out}${removed}${cached} in ${(result.durationMs / 1000).toFixed(1)} s.`,
    );
    this.log(`Open ${result.format === "html" ? pathToFileURL(resolve(result.entry)).href : result.entry}`);
    if (!flags.serve) return result;

    const { serveStatic } = await import("../docs/serve.js");
    const server = await serveStatic(flags.out, flags.port ?? DEFAULT_PORT, "127.0.0.1");
    this.log(`Serving ${result.out} at ${server.url} (Ctrl-C to stop)`);
    await new Promise<void>((resolve) => {
      process.once("SIGINT", resolve);
      process.once("SIGTERM", resolve);
    });
    await server.close();
    return { ...result, url: server.url };
  }
}
