import { type AccordError, accordError, fail, ok, type Result } from "../errors.js";
import { compareText } from "./lock.js";
import { camelCase, isIdentifier, kebabCase, subjectBaseName } from "./naming.js";
import type {
  CodegenInput,
  CodegenPlan,
  CodegenSubject,
  PlannedReads,
  PlannedSubject,
  PlannedVersion,
  SubjectNames,
} from "./types.js";

/**
 * Decides the names every subject exports and checks the whole set before anything is rendered:
 * two subjects may not export the same name or write the same folder, and under the `confluent`
 * wire format every version needs its schema id.
 */
export function planGeneration(input: CodegenInput): Result<CodegenPlan> {
  const planned: PlannedSubject[] = [];
  for (const subject of input.subjects) {
    const result = planSubject(subject, input);
    if (!result.ok) return result;
    planned.push(result.value);
  }
  const collision = findCollision(planned);
  if (collision) return fail(collision);
  planned.sort((a, b) => compareText(a.names.folder, b.names.folder));
  return ok({ subjects: planned, wire: input.wire, module: input.module });
}

function planSubject(subject: CodegenSubject, input: CodegenInput): Result<PlannedSubject> {
  const base = subject.typeName ?? subjectBaseName(subject.subject);
  if (!isIdentifier(base)) {
    return fail(
      accordError("ACCORD_ERR_GENERATE_CONFIG_INVALID", [
        `subject "${subject.subject}"`,
        `no TypeScript name can be made from it; give it one under generate.names`,
      ]),
    );
  }
  const folder = kebabCase(base);
  if (folder === "") {
    return fail(
      accordError("ACCORD_ERR_GENERATE_CONFIG_INVALID", [
        `subject "${subject.subject}"`,
        `the name ${base} gives no folder name; give it another under generate.names`,
      ]),
    );
  }
  const names: SubjectNames = {
    base,
    folder,
    message: `${base}Message`,
    encode: `encode${base}`,
    decode: `decode${base}`,
    contract: `${camelCase(base)}Contract`,
  };
  const versions: PlannedVersion[] = [];
  const byId = new Map<number, number>();
  for (const version of subject.versions) {
    if (input.wire === "confluent") {
      if (version.schemaId === undefined) {
        return fail(
          accordError("ACCORD_ERR_GENERATE_SCHEMA_ID_MISSING", [
            subject.subject,
            version.version,
            "the source gave none",
          ]),
        );
      }
      const other = byId.get(version.schemaId);
      if (other !== undefined) {
        return fail(
          accordError("ACCORD_ERR_GENERATE_SCHEMA_ID_MISSING", [
            subject.subject,
            version.version,
            `schema id ${version.schemaId} is already version ${other}'s, so a consumer could not tell them apart (are both versions the same schema?)`,
          ]),
        );
      }
      byId.set(version.schemaId, version.version);
    }
    versions.push({
      ...version,
      typeName: `${base}V${version.version}`,
      guard: `is${base}V${version.version}`,
      encode: `encode${base}V${version.version}`,
      module: `v${version.version}`,
    });
  }
  const reads: PlannedReads | undefined = subject.reads
    ? {
        paths: subject.reads,
        base: `${base}Reads`,
        message: `${base}ReadsMessage`,
        decode: `decode${base}Reads`,
      }
    : undefined;
  return ok({
    subject: subject.subject,
    registrySubject: subject.registrySubject,
    names,
    versions,
    ...(reads ? { reads } : {}),
  });
}

/** The projection type of one version: `OrderPlacedReadsV2`. */
export function readsTypeName(reads: PlannedReads, version: number): string {
  return `${reads.base}V${version}`;
}

/** Every name a subject puts in the top-level index, and its folder (case-folded: file systems may fold case). */
export function exportedNames(subject: PlannedSubject): string[] {
  const { names } = subject;
  return [
    names.base,
    names.message,
    names.encode,
    names.decode,
    names.contract,
    ...subject.versions.flatMap((version) => [version.typeName, version.guard, version.encode]),
    ...(subject.reads
      ? [
          subject.reads.base,
          subject.reads.message,
          subject.reads.decode,
          ...subject.versions.map((version) => readsTypeName(subject.reads as PlannedReads, version.version)),
        ]
      : []),
  ];
}

/** Names the generated package's top-level index exports besides the subjects' own. */
export const RUNTIME_EXPORTS: readonly string[] = [
  "AccordWireError",
  "AccordWireErrorCode",
  "AccordWireErrorDetails",
];

function findCollision(subjects: readonly PlannedSubject[]): AccordError | undefined {
  const owners = new Map<string, string>(RUNTIME_EXPORTS.map((name) => [`name:${name}`, "(accord runtime)"]));
  for (const subject of subjects) {
    const claims = [
      ...exportedNames(subject).map((name) => ({ key: `name:${name}`, shown: `the name ${name}` })),
      { key: `folder:${subject.names.folder.toLowerCase()}`, shown: `the folder ${subject.names.folder}/` },
    ];
    for (const claim of claims) {
      const owner = owners.get(claim.key);
      if (owner !== undefined && owner !== subject.subject) {
        return accordError("ACCORD_ERR_GENERATE_NAME_COLLISION", [owner, subject.subject, claim.shown]);
      }
      owners.set(claim.key, subject.subject);
    }
  }
  return undefined;
}
