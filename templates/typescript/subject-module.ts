import type { VersionTypes } from "../../contracts/codegen/named-types.js";
import type {
  ModuleStyle,
  PlannedSubject,
  PlannedVersion,
  WireFormat,
} from "../../contracts/codegen/types.js";
import { banner, fileName, importLine, joinSections, quote, type RenderedFile, specifier } from "./code.js";

/**
 * A subject's `index` module: the latest-version alias, the union `decode` returns, guards,
 * encoders (validate, then frame with the version's pinned schema id) and the decoder (read the id,
 * pick that version's validator). Versions are listed newest first, as a consumer reads them.
 */

export function renderSubjectModule(
  subject: PlannedSubject,
  types: readonly VersionTypes[],
  wire: WireFormat,
  style: ModuleStyle,
): RenderedFile {
  const { names } = subject;
  const newestFirst = [...subject.versions].reverse();
  const latest = newestFirst[0] as PlannedVersion;
  const runtime = `../_runtime/${specifier("wire", style)}`;
  const runtimeNames = ["invalidEvent", "parseEvent", "type Validator"];
  if (wire === "confluent") runtimeNames.push("frame", "frameOf", "unknownSchemaGuid", "unknownSchemaId");
  else runtimeNames.push("toJsonBytes");

  const imports = [
    ...importLine(runtimeNames, runtime),
    ...subject.versions.flatMap((version) =>
      importLine([version.typeName], `./${specifier(version.module, style)}`, true),
    ),
    ...subject.versions.map(
      (version) =>
        `import { validate as ${validatorCode(version)} } from ${quote(`./${specifier(`${version.module}.validate`, style)}`)};`,
    ),
  ];
  const reexports = types.map((versionTypes, index) =>
    importLine(
      versionTypes.exports,
      `./${specifier((subject.versions[index] as PlannedVersion).module, style)}`,
      true,
    ).map((line) => line.replace(/^import /, "export ")),
  );

  const sections: (string | string[])[] = [
    banner(
      `Codec of ${quote(subject.subject)} (registry subject ${quote(subject.registrySubject)}), ${wire} wire format,`,
      `versions ${subject.versions.map((version) => version.version).join(", ")}.`,
    ),
    imports,
    reexports.flat(),
    [`/** The latest version, ${latest.version}. */`, `export type ${names.base} = ${latest.typeName};`],
    [
      `/** What ${names.decode} returns: every version a consumer may meet, discriminated by \`version\`. */`,
      `export type ${names.message} =`,
      ...newestFirst.map(
        (version, index) =>
          `  | { readonly version: ${version.version}; readonly value: ${version.typeName} }${index === newestFirst.length - 1 ? ";" : ""}`,
      ),
    ],
    contractConstant(subject, wire),
    [
      `const SUBJECT = ${quote(subject.subject)};`,
      ...subject.versions.map(
        (version) => `const ${validatorName(version)} = ${validatorCode(version)} as unknown as Validator;`,
      ),
    ],
    ...subject.versions.map((version) => guard(version)),
    ...subject.versions.map((version) => encoder(version, wire)),
    [
      `/** Validates against version ${latest.version} (the latest), then encodes. */`,
      `export function ${names.encode}(event: ${names.base}): Uint8Array {`,
      `  return ${latest.encode}(event);`,
      "}",
    ],
    wire === "confluent" ? confluentDecoder(subject, newestFirst) : jsonDecoder(subject, newestFirst),
  ];
  return { path: `${subject.names.folder}/${fileName("index", style)}`, content: joinSections(sections) };
}

function validatorCode(version: PlannedVersion): string {
  return `validate${version.module.toUpperCase()}Code`;
}

function validatorName(version: PlannedVersion): string {
  return `validate${version.module.toUpperCase()}`;
}

function contractConstant(subject: PlannedSubject, wire: WireFormat): string[] {
  const ids = subject.versions.filter((version) => version.schemaId !== undefined);
  return [
    "/** Where the contract comes from, and the schema id each version is framed with. */",
    `export const ${subject.names.contract} = {`,
    `  subject: ${quote(subject.subject)},`,
    `  registrySubject: ${quote(subject.registrySubject)},`,
    `  wire: ${quote(wire)},`,
    `  versions: [${subject.versions.map((version) => version.version).join(", ")}],`,
    `  latestVersion: ${(subject.versions[subject.versions.length - 1] as PlannedVersion).version},`,
    `  schemaIds: {${ids.map((version) => ` ${version.version}: ${version.schemaId}`).join(",")}${ids.length > 0 ? " " : ""}},`,
    "} as const;",
  ];
}

function guard(version: PlannedVersion): string[] {
  return [
    `/** Whether \`value\` is a valid version ${version.version} event (the full schema, formats included). */`,
    `export function ${version.guard}(value: unknown): value is ${version.typeName} {`,
    `  return ${validatorName(version)}(value);`,
    "}",
  ];
}

function encoder(version: PlannedVersion, wire: WireFormat): string[] {
  const id = version.schemaId;
  const framed = wire === "confluent" ? `frame(${id}, event)` : "toJsonBytes(event)";
  return [
    `/** Validates against version ${version.version}, then ${wire === "confluent" ? `frames with schema id ${id}` : "writes plain JSON"}. */`,
    `export function ${version.encode}(event: ${version.typeName}): Uint8Array {`,
    `  if (!${validatorName(version)}(event)) {`,
    `    throw invalidEvent("encode", SUBJECT, ${version.version}, ${id ?? "undefined"}, ${validatorName(version)}.errors);`,
    "  }",
    `  return ${framed};`,
    "}",
  ];
}

function confluentDecoder(subject: PlannedSubject, newestFirst: readonly PlannedVersion[]): string[] {
  const known = newestFirst.map((version) => `${version.schemaId} (v${version.version})`).join(", ");
  const withGuid = newestFirst.filter((version) => version.schemaGuid !== undefined);
  const knownGuids = withGuid.map((version) => `${version.schemaGuid} (v${version.version})`).join(", ");
  return [
    "/** Schema ids by GUID, for V1 frames (as the registry gave them when this code was generated). */",
    "const SCHEMA_IDS_BY_GUID: { readonly [guid: string]: number } = {",
    ...withGuid.map((version) => `  ${quote(version.schemaGuid as string)}: ${version.schemaId},`),
    "};",
    "",
    "/**",
    " * Reads the schema id (V0 frame) or GUID (V1 frame) from the Confluent frame and validates the",
    " * event against that version. Throws AccordWireError for an unknown id or GUID, a payload that",
    " * is not JSON, or an invalid event.",
    " */",
    `export function ${subject.names.decode}(bytes: Uint8Array): ${subject.names.message} {`,
    "  const header = frameOf(bytes, SUBJECT);",
    "  let schemaId: number;",
    '  if ("guid" in header) {',
    "    const byGuid = SCHEMA_IDS_BY_GUID[header.guid];",
    `    if (byGuid === undefined) throw unknownSchemaGuid(SUBJECT, header.guid, ${quote(knownGuids)});`,
    "    schemaId = byGuid;",
    "  } else schemaId = header.schemaId;",
    "  switch (schemaId) {",
    ...newestFirst.flatMap((version) => [
      `    case ${version.schemaId}: {`,
      `      const value = parseEvent(bytes, header.offset, SUBJECT, ${version.version}, schemaId);`,
      `      if (${version.guard}(value)) return { version: ${version.version}, value };`,
      `      throw invalidEvent("decode", SUBJECT, ${version.version}, schemaId, ${validatorName(version)}.errors);`,
      "    }",
    ]),
    "    default:",
    `      throw unknownSchemaId(SUBJECT, schemaId, ${quote(known)});`,
    "  }",
    "}",
  ];
}

function jsonDecoder(subject: PlannedSubject, newestFirst: readonly PlannedVersion[]): string[] {
  const latest = newestFirst[0] as PlannedVersion;
  return [
    "/**",
    " * Parses plain JSON and returns the newest version the event is valid under. Throws",
    ` * AccordWireError when it is not JSON or valid under none (described against version ${latest.version}).`,
    " */",
    `export function ${subject.names.decode}(bytes: Uint8Array): ${subject.names.message} {`,
    "  const value = parseEvent(bytes, 0, SUBJECT, undefined, undefined);",
    ...newestFirst.map(
      (version) => `  if (${version.guard}(value)) return { version: ${version.version}, value };`,
    ),
    `  throw invalidEvent("decode", SUBJECT, ${latest.version}, undefined, ${validatorName(latest)}.errors);`,
    "}",
  ];
}
