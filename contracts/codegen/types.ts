import type { SchemaDocument } from "../schema/types.js";

/**
 * What `accord generate` works from, whatever the source (catalog folder, git ref, registry): a
 * list of subjects with their versions. The command adapts its source to this; nothing below
 * depends on where the schemas came from.
 */

/**
 * `confluent`: magic byte 0, the schema id as a 4-byte big-endian int, then the UTF-8 JSON (what the
 * Confluent serializers write). `json`: the UTF-8 JSON alone.
 */
export type WireFormat = "confluent" | "json";
export const WIRE_FORMATS: readonly WireFormat[] = ["confluent", "json"];

/** `esm`: `.ts` files importing `./x.js`. `cjs`: `.cts` files importing `./x.cjs` (CommonJS output under NodeNext). */
export type ModuleStyle = "esm" | "cjs";
export const MODULE_STYLES: readonly ModuleStyle[] = ["esm", "cjs"];

export interface CodegenVersion {
  /** 1, 2, ...: the catalog's file version or the registry's version number. */
  readonly version: number;
  readonly document: SchemaDocument;
  /** `fingerprint(document.root)`: what accord.lock pins the schema id to. */
  readonly fingerprint: string;
  /** Registry schema id; required for the `confluent` wire format. */
  readonly schemaId?: number;
  /** The schema's GUID in the registry, when it has one: how V1 frames name the schema. */
  readonly schemaGuid?: string;
}

export interface CodegenSubject {
  /** The subject's name in the source: catalog folder or registry subject. */
  readonly subject: string;
  /** Subject name in the registry (ids are looked up and reported under this name). */
  readonly registrySubject: string;
  /** Overrides the TypeScript base name derived from the subject (`generate.names`). */
  readonly typeName?: string;
  /** Ascending by version, never empty. */
  readonly versions: readonly CodegenVersion[];
  /** What the consuming repository reads (`generate.reads`): projection types are generated for it. */
  readonly reads?: readonly string[];
}

export interface CodegenInput {
  readonly subjects: readonly CodegenSubject[];
  readonly wire: WireFormat;
  readonly module: ModuleStyle;
}

/** Every name a subject puts into the generated package's top-level index. */
export interface SubjectNames {
  /** `OrderPlaced`: alias of the latest version's type. */
  readonly base: string;
  /** `order-placed`: the subject's folder under the output folder. */
  readonly folder: string;
  /** `OrderPlacedMessage`: the union `decode` returns. */
  readonly message: string;
  readonly encode: string;
  readonly decode: string;
  /** `orderPlacedContract`: subject name, versions and schema ids as data. */
  readonly contract: string;
}

export interface PlannedVersion extends CodegenVersion {
  /** `OrderPlacedV2`. */
  readonly typeName: string;
  /** `isOrderPlacedV2`. */
  readonly guard: string;
  /** `encodeOrderPlacedV2`. */
  readonly encode: string;
  /** Module file stem inside the subject folder: `v2`. */
  readonly module: string;
}

export interface PlannedSubject {
  readonly subject: string;
  readonly registrySubject: string;
  readonly names: SubjectNames;
  /** Ascending by version. */
  readonly versions: readonly PlannedVersion[];
  /** Projection types for what the consumer reads (see templates/typescript/projection.ts). */
  readonly reads?: PlannedReads;
}

export interface PlannedReads {
  readonly paths: readonly string[];
  /** `OrderPlacedReads`: the latest version's projection; `OrderPlacedReadsV2` per version. */
  readonly base: string;
  /** `OrderPlacedReadsMessage`: what the projecting decoder returns. */
  readonly message: string;
  /** `decodeOrderPlacedReads`. */
  readonly decode: string;
}

export interface CodegenPlan {
  /** Sorted by folder. */
  readonly subjects: readonly PlannedSubject[];
  readonly wire: WireFormat;
  readonly module: ModuleStyle;
}
