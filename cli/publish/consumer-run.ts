import { dirname, relative, resolve, sep } from "node:path";
import { resolveGenerateSettings } from "../../contracts/codegen/config.js";
import { attachReads } from "../../contracts/codegen/reads.js";
import { AccordFailure, accordError, unwrap } from "../../contracts/errors.js";
import { RegistryClient, unwrapCall } from "../../registry/client.js";
import { loadSource } from "../generate/source.js";
import { readTextFile } from "../io.js";

/**
 * `accord consumer publish`: sends what this consuming repository reads (`generate.consumer` and
 * `generate.reads` in its accord.yaml) to the registry, one declaration per subject, under the
 * subject's registry name. The reads are checked against the source first, as `accord generate`
 * checks them; the registry checks them again against its own latest version and pins it.
 */

export interface ConsumerPublishOptions {
  /** accord.yaml holding the `generate:` section; `accord.yaml` in the working directory by default. */
  readonly config?: string;
  readonly registry?: string;
  readonly dryRun: boolean;
  readonly cwd: string;
}

export type DeclarationStatus = "created" | "updated" | "unchanged";

export interface PublishedDeclaration {
  readonly subject: string;
  readonly registrySubject: string;
  readonly reads: readonly string[];
  /** What publishing did, or (with --dry-run) would do. */
  readonly status: DeclarationStatus;
  /** The version the registry pinned (absent under --dry-run for a new or changed declaration). */
  readonly version?: number;
}

export interface ConsumerPublishResult {
  readonly registry: string;
  readonly consumer: string;
  readonly dryRun: boolean;
  readonly declarations: readonly PublishedDeclaration[];
}

export async function publishConsumer(options: ConsumerPublishOptions): Promise<ConsumerPublishResult> {
  const configPath = resolve(options.cwd, options.config ?? "accord.yaml");
  const shown = relative(options.cwd, configPath).split(sep).join("/");
  const text = await readTextFile(configPath);
  const settings = unwrap(resolveGenerateSettings(text, shown, {}));
  const reads = settings.reads;
  if (!reads || reads.consumer === undefined || Object.keys(reads.subjects).length === 0) {
    throw new AccordFailure(
      accordError("ACCORD_ERR_GENERATE_CONFIG_INVALID", [
        shown,
        "nothing to publish: set generate.consumer (this repository's name) and generate.reads (what it reads of each subject)",
      ]),
    );
  }
  const source = await loadSource(settings, { configDir: dirname(configPath), cwd: options.cwd });
  const subjects = unwrap(attachReads(source.subjects, reads)).filter((subject) => subject.reads);
  const url =
    options.registry ??
    settings.lookupRegistry ??
    (settings.source.kind === "registry" ? settings.source.url : source.catalogRegistry);
  if (url === undefined) {
    throw new AccordFailure(
      accordError("ACCORD_ERR_USAGE", [
        "no registry to publish to: pass --registry <url>, or set generate.registry (or the catalog's registry.url)",
      ]),
    );
  }
  const client = new RegistryClient({ url });
  const consumer = reads.consumer;
  const declarations: PublishedDeclaration[] = [];
  for (const subject of subjects) {
    const paths = subject.reads as readonly string[];
    const base = { subject: subject.subject, registrySubject: subject.registrySubject, reads: paths };
    if (options.dryRun) {
      const known = unwrapCall(await client.listConsumers(subject.registrySubject)).find(
        (declared) => declared.consumer === consumer,
      );
      const same = known !== undefined && sameReads(known.reads, paths);
      declarations.push({
        ...base,
        status: known === undefined ? "created" : same ? "unchanged" : "updated",
        ...(same ? { version: known.version } : {}),
      });
      continue;
    }
    const put = unwrapCall(await client.putConsumer(subject.registrySubject, consumer, { reads: paths }));
    declarations.push({ ...base, status: put.status, version: put.version });
  }
  return { registry: client.url, consumer, dryRun: options.dryRun, declarations };
}

function sameReads(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((path, index) => path === b[index]);
}
