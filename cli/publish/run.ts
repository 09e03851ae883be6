import type { CatalogSubject, CatalogVersion } from "../../contracts/catalog/types.js";
import { selectByPatterns } from "../../contracts/codegen/glob.js";
import type { CompatibilityMode } from "../../contracts/compat/types.js";
import { AccordFailure, accordError } from "../../contracts/errors.js";
import { ruleIdsIn, serverMessage } from "../../contracts/registry-sync/plan.js";
import { type RegistryCallError, RegistryClient } from "../../registry/client.js";
import { loadWorkingCatalog } from "../catalog-io.js";

/**
 * `accord publish`: registers every catalog version the registry does not hold yet, subject by
 * subject and in version order, after setting the subject's compatibility level. A version the
 * registry already holds (found by lookup) is left alone, so re-running is safe.
 */

export interface PublishedVersion {
  /** Catalog subject (folder name). */
  readonly subject: string;
  readonly registrySubject: string;
  /** Catalog version. */
  readonly version: number;
  /** Schema id and version in the registry (absent for a version only planned under --dry-run). */
  readonly id?: number;
  readonly registryVersion?: number;
}

export interface RejectedVersion {
  readonly subject: string;
  readonly registrySubject: string;
  readonly version: number;
  /** The server's message (for a 409, its compatibility findings). */
  readonly message: string;
  /** Rule ids named in the message. */
  readonly ruleIds: readonly string[];
  readonly status?: number;
}

export interface SkippedVersion {
  readonly subject: string;
  readonly registrySubject: string;
  readonly version: number;
  readonly reason: string;
}

export interface ConfiguredSubject {
  readonly registrySubject: string;
  /** The level in force before: the subject's own, else the global one. */
  readonly from?: CompatibilityMode;
  readonly to: CompatibilityMode;
}

export interface PublishResult {
  readonly registry: string;
  readonly dryRun: boolean;
  readonly created: readonly PublishedVersion[];
  readonly existing: readonly PublishedVersion[];
  readonly rejected: readonly RejectedVersion[];
  /** Versions not tried because an earlier version of their subject was rejected. */
  readonly skipped: readonly SkippedVersion[];
  /** Under --dry-run: the versions that would be registered. */
  readonly planned: readonly PublishedVersion[];
  /** Subjects whose compatibility level was set (or, under --dry-run, would be). */
  readonly configured: readonly ConfiguredSubject[];
}

export interface PublishOptions {
  readonly dir: string;
  readonly registry?: string;
  readonly dryRun: boolean;
  readonly subjects?: readonly string[];
  readonly onProgress?: (done: number, total: number) => void;
}

/** Confluent's "subject not found" and "schema not found": the lookup found nothing. */
const NOT_FOUND = new Set([40401, 40403]);

export async function publishCatalog(options: PublishOptions): Promise<PublishResult> {
  const catalog = await loadWorkingCatalog(options.dir);
  const url = options.registry ?? catalog.config.registry?.url;
  if (url === undefined) {
    throw new AccordFailure(
      accordError("ACCORD_ERR_USAGE", [
        "no registry to publish to: pass --registry <url> or set registry.url in accord.yaml",
      ]),
    );
  }
  let subjects = catalog.subjects;
  if (options.subjects && options.subjects.length > 0) {
    const { selected, unmatched } = selectByPatterns(subjects, (subject) => subject.name, options.subjects);
    if (unmatched.length > 0) {
      throw new AccordFailure(
        accordError("ACCORD_ERR_USAGE", [`--subject matched no subject: ${unmatched.join(", ")}`]),
      );
    }
    subjects = selected;
  }

  const client = new RegistryClient({ url });
  const result = {
    registry: client.url,
    dryRun: options.dryRun,
    created: [] as PublishedVersion[],
    existing: [] as PublishedVersion[],
    rejected: [] as RejectedVersion[],
    skipped: [] as SkippedVersion[],
    planned: [] as PublishedVersion[],
    configured: [] as ConfiguredSubject[],
  };
  const total = subjects.reduce((sum, subject) => sum + subject.versions.length, 0);
  let done = 0;
  for (const subject of subjects) {
    await publishSubject(client, subject, options.dryRun, result, () => {
      done++;
      options.onProgress?.(done, total);
    });
  }
  return result;
}

interface Collected {
  created: PublishedVersion[];
  existing: PublishedVersion[];
  rejected: RejectedVersion[];
  skipped: SkippedVersion[];
  planned: PublishedVersion[];
  configured: ConfiguredSubject[];
}

async function publishSubject(
  client: RegistryClient,
  subject: CatalogSubject,
  dryRun: boolean,
  result: Collected,
  tick: () => void,
): Promise<void> {
  const base = { subject: subject.name, registrySubject: subject.registrySubject };
  // Reads first: which versions the registry already holds.
  const missing: { version: CatalogVersion; schema: string }[] = [];
  for (const version of subject.versions) {
    // YAML versions go as JSON too: the registry stores JSON text.
    const schema = JSON.stringify(version.document.root);
    const found = await client.lookup(subject.registrySubject, { schema });
    if (found.ok) {
      result.existing.push({
        ...base,
        version: version.version,
        id: found.value.id,
        registryVersion: found.value.version,
      });
      tick();
    } else if (found.error.errorCode !== undefined && NOT_FOUND.has(found.error.errorCode)) {
      missing.push({ version, schema });
    } else {
      throw new AccordFailure(found.error);
    }
  }
  if (missing.length === 0) return;

  // The level only changes when the one in force (the subject's own, else the global one) is not
  // the catalog's: PUT /config needs the admin role, and a `write` user must be able to publish.
  const effective = await client.getConfig(subject.registrySubject);
  if (!effective.ok) throw new AccordFailure(effective.error);
  if (effective.value.compatibilityLevel !== subject.compatibility) {
    if (!dryRun) {
      const set = await client.setConfig(subject.registrySubject, subject.compatibility);
      if (!set.ok) throw new AccordFailure(set.error);
    }
    result.configured.push({
      registrySubject: subject.registrySubject,
      from: effective.value.compatibilityLevel,
      to: subject.compatibility,
    });
  }

  let rejectedAt: number | undefined;
  for (const { version, schema } of missing) {
    if (dryRun) {
      result.planned.push({ ...base, version: version.version });
    } else if (rejectedAt !== undefined) {
      result.skipped.push({
        ...base,
        version: version.version,
        reason: `v${rejectedAt} was rejected`,
      });
    } else {
      const registered = await client.register(subject.registrySubject, { schema });
      if (registered.ok) {
        let registryVersion = registered.value.version;
        if (registryVersion === undefined) {
          // Confluent answers with the id only; the lookup gives the version.
          const found = await client.lookup(subject.registrySubject, { schema });
          if (found.ok) registryVersion = found.value.version;
        }
        result.created.push({
          ...base,
          version: version.version,
          id: registered.value.id,
          ...(registryVersion === undefined ? {} : { registryVersion }),
        });
      } else if (isRejection(registered.error)) {
        const message = serverMessage(registered.error.message);
        result.rejected.push({
          ...base,
          version: version.version,
          message,
          ruleIds: ruleIdsIn(message),
          ...(registered.error.status === undefined ? {} : { status: registered.error.status }),
        });
        rejectedAt = version.version;
      } else {
        throw new AccordFailure(registered.error);
      }
    }
    tick();
  }
}

/** The server refused this schema (incompatible, or invalid in its eyes), as opposed to failing. */
function isRejection(error: RegistryCallError): boolean {
  return error.status === 409 || error.status === 422;
}
