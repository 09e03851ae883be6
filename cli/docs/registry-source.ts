import type { CatalogVersion } from "../../contracts/catalog/types.js";
import type { DocsSubjectInput } from "../../contracts/docs/types.js";
import { loadSchema } from "../../contracts/schema/load.js";
import { type RegistryClient, unwrapCall } from "../../registry/client.js";

/**
 * Reads every live subject and version from a registry into the shape the docs model takes.
 * A registry knows no owners, producers or tags, so those stay empty; a subject named
 * `<topic>-value` or `<topic>-key` (Confluent's TopicNameStrategy) is shown on `<topic>`.
 * Versions Accord cannot read (Avro, Protobuf, schemas with cross-subject references) are
 * skipped with a warning rather than failing the whole site.
 */

export interface RegistrySubjects {
  readonly subjects: DocsSubjectInput[];
  readonly warnings: string[];
}

const CONCURRENCY = 8;

function topicOf(subject: string): string | undefined {
  const match = /^(.+)-(value|key)$/.exec(subject);
  return match ? match[1] : undefined;
}

/** Pretty-printed, because registries store schemas as compact JSON on one line. */
function displayText(schema: string): string {
  try {
    return `${JSON.stringify(JSON.parse(schema), null, 2)}\n`;
  } catch {
    return schema;
  }
}

async function readSubject(
  client: RegistryClient,
  name: string,
  warnings: string[],
): Promise<DocsSubjectInput | undefined> {
  const numbers = unwrapCall(await client.listVersions(name));
  const { compatibilityLevel } = unwrapCall(await client.getConfig(name));
  const versions: CatalogVersion[] = [];
  for (const number of [...numbers].sort((a, b) => a - b)) {
    const registered = unwrapCall(await client.getVersion(name, number));
    const type = registered.schemaType ?? "AVRO";
    if (type !== "JSON") {
      warnings.push(`${name} v${number} is a ${type} schema; skipped (accord docs reads JSON Schema)`);
      continue;
    }
    const source = `${name} v${number}`;
    const document = loadSchema(registered.schema, source);
    if (!document.ok) {
      warnings.push(`${source} skipped: ${document.error.message}`);
      continue;
    }
    versions.push({
      version: number,
      file: `registry ${name} v${number} (id ${registered.id})`,
      text: displayText(registered.schema),
      document: document.value,
    });
  }
  if (versions.length === 0) return undefined;
  const topic = topicOf(name);
  return {
    name,
    registrySubject: name,
    meta: {
      owners: [],
      producers: [],
      consumers: [],
      consumerEntries: [],
      tags: [],
      lintIgnore: [],
      ...(topic !== undefined ? { topic } : {}),
    },
    versions,
    compatibility: compatibilityLevel,
  };
}

export async function readRegistrySubjects(client: RegistryClient): Promise<RegistrySubjects> {
  const names = unwrapCall(await client.listSubjects()).sort();
  const warnings: string[] = [];
  const found: (DocsSubjectInput | undefined)[] = new Array(names.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < names.length) {
      const index = next++;
      found[index] = await readSubject(client, names[index] as string, warnings);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, names.length) }, worker));
  return { subjects: found.filter((s): s is DocsSubjectInput => s !== undefined), warnings };
}
