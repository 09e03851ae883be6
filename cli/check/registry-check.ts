import type { Catalog, CatalogSubject, CatalogVersion } from "../../contracts/catalog/types.js";
import { checkCompatibility } from "../../contracts/compat/index.js";
import { AccordFailure } from "../../contracts/errors.js";
import type { RegistryVerdict } from "../../contracts/gate/index.js";
import { loadSchema } from "../../contracts/schema/load.js";
import { type RegistryCallError, RegistryClient } from "../../registry/client.js";

/**
 * `accord check --registry`: the newest local version of every subject against what the registry
 * holds, like the Confluent Maven plugin's test-compatibility goal. The registry's own endpoint
 * decides when it has one (its levels, its references); a server without it (a 404 with no
 * Confluent error code) gets its latest schema compared by Accord's engine under the subject's mode.
 */

/** Confluent's "subject not found" and "version not found": nothing registered yet, nothing to break. */
const NOT_REGISTERED = new Set([40401, 40402]);

const CONCURRENCY = 8;

export async function registryVerdicts(catalog: Catalog, url: string): Promise<RegistryVerdict[]> {
  const client = new RegistryClient({ url });
  const verdicts: RegistryVerdict[] = new Array(catalog.subjects.length);
  let next = 0;
  const worker = async () => {
    while (next < catalog.subjects.length) {
      const index = next++;
      verdicts[index] = await verdictFor(client, catalog, catalog.subjects[index] as CatalogSubject);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, catalog.subjects.length) }, worker));
  return verdicts;
}

async function verdictFor(
  client: RegistryClient,
  catalog: Catalog,
  subject: CatalogSubject,
): Promise<RegistryVerdict> {
  const newest = subject.versions[subject.versions.length - 1] as CatalogVersion;
  const base = { subject: subject.name, registrySubject: subject.registrySubject, version: newest.version };
  // YAML versions go as JSON: the registry stores JSON text.
  const schema = JSON.stringify(newest.document.root);
  const tested = await client.testCompatibility(subject.registrySubject, { schema });
  if (tested.ok) {
    return {
      ...base,
      status: tested.value.isCompatible ? "compatible" : "incompatible",
      messages: tested.value.messages,
      method: "registry",
    };
  }
  if (isNotRegistered(tested.error))
    return { ...base, status: "not-registered", messages: [], method: "registry" };
  if (!lacksEndpoint(tested.error)) throw new AccordFailure(tested.error);

  const latest = await client.getVersion(subject.registrySubject, "latest");
  if (!latest.ok) {
    if (isNotRegistered(latest.error) || lacksEndpoint(latest.error)) {
      return { ...base, status: "not-registered", messages: [], method: "engine" };
    }
    throw new AccordFailure(latest.error);
  }
  const registered = loadSchema(
    latest.value.schema,
    `${client.url} ${subject.registrySubject} v${latest.value.version}`,
    {
      defaultDraft: catalog.config.defaultDraft,
    },
  );
  if (!registered.ok) throw new AccordFailure(registered.error);
  const report = checkCompatibility(
    [registered.value],
    newest.document,
    subject.compatibility,
    catalog.config.compareOptions,
  );
  return {
    ...base,
    status: report.verdict === "compatible" ? "compatible" : "incompatible",
    messages: [...report.findings, ...report.undetermined].map(
      (entry) => `${entry.rule} at ${entry.newPath}: ${entry.message}`,
    ),
    method: "engine",
  };
}

function isNotRegistered(error: RegistryCallError): boolean {
  return error.errorCode !== undefined && NOT_REGISTERED.has(error.errorCode);
}

/** No such route: the status alone, or with a plain HTTP code as error_code (never a Confluent 4xxxx code). */
export function lacksEndpoint(error: RegistryCallError): boolean {
  const plain = error.errorCode === undefined || error.errorCode < 1000;
  return plain && (error.status === 404 || error.status === 405 || error.status === 501);
}
