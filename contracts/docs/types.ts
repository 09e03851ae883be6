import type { CatalogSubject } from "../catalog/types.js";
import type { CompatibilityMode, CompatReport } from "../compat/types.js";
import type { Draft, Json } from "../schema/types.js";
import type { ConsumerSafety } from "./consumers.js";

/**
 * The documentation model: everything a renderer needs, computed once from a catalog. Renderers
 * (HTML, Markdown, AsyncAPI) only format it; none of them runs the engine or walks a schema.
 */

/**
 * What a row stands for: a named property, the items of a nested array (`[]`), a tuple position
 * (`[0]`), an option of a oneOf/anyOf, a patternProperties entry, or additionalProperties (`*`).
 * Only properties and tuple positions can be required.
 */
export type FieldKind = "property" | "item" | "tuple-item" | "option" | "pattern" | "additional";

/** One row of a field table: a property, an array's items, an option of a oneOf/anyOf. */
export interface FieldRow {
  /** What the row is called in its parent: a property name, `[]` (items), `[0]` (tuple), `option 1`, `*`. */
  readonly name: string;
  readonly kind: FieldKind;
  /** Dotted display path from the root: `customer.email`, `items[].sku`. Unique within a table. */
  readonly path: string;
  /** JSON Pointer of the row's schema in the document (after following `$ref`s, the ref's own site). */
  readonly pointer: string;
  /** Human type: `string`, `integer | null`, `array of object`, `one of 2 options`, `any`. */
  readonly type: string;
  readonly required: boolean;
  /** Readable constraints: `maxLength 32`, `format date-time`, `one of "EUR", "USD"`. */
  readonly constraints: readonly string[];
  readonly description?: string;
  readonly deprecated: boolean;
  /** Set when the row stops because its schema refers back to an ancestor (recursive types). */
  readonly recursiveRef?: string;
  readonly children: readonly FieldRow[];
}

export interface FieldTable {
  /** Type of the whole event (`object`, or a union at the root). */
  readonly rootType: string;
  readonly rootConstraints: readonly string[];
  readonly rows: readonly FieldRow[];
  /** True when the table was cut (very deep or very large schema); the raw schema is complete. */
  readonly truncated: boolean;
}

export type ExampleOrigin = "schema" | "generated";

export interface ExampleEvent {
  readonly origin: ExampleOrigin;
  readonly event: Json;
}

/** A field-level edit between two versions, for people; the verdict comes from the engine. */
export interface FieldChange {
  readonly kind: "added" | "removed" | "changed";
  readonly path: string;
  /** For `changed`: what differs (`type string → integer`, `now required`, `maxLength 32 → 24`). */
  readonly details: readonly string[];
}

export interface VersionChange {
  /** The version compared with (the previous one). */
  readonly from: number;
  /** The engine's report under the subject's mode (transitive modes: against all earlier versions). */
  readonly report: CompatReport;
  /**
   * Set when the subject's mode is NONE: the governance check asks nothing, so `report` shows what
   * FULL would say, for information only.
   */
  readonly informational: boolean;
  readonly fields: readonly FieldChange[];
  /**
   * For each finding that repeats a change proven earlier in the subject's history (`repeat`), by
   * its changeKey: the version whose change section shows that change's example.
   */
  readonly shownIn: Readonly<Record<string, number>>;
}

export interface VersionDoc {
  readonly version: number;
  /** Catalog-relative file, or `registry: <subject> v<n>`. */
  readonly file: string;
  /** The schema text exactly as stored (JSON or YAML). */
  readonly text: string;
  readonly draft: Draft;
  readonly draftAssumed: boolean;
  /** The parsed schema, for renderers that re-emit it (AsyncAPI). */
  readonly schema: Json;
  readonly title?: string;
  readonly description?: string;
  readonly fields: FieldTable;
  /** Undefined when the schema has no valid example and none could be generated. */
  readonly example?: ExampleEvent;
  /** How many of the schema's own `examples` failed validation against it (worth telling the owner). */
  readonly invalidOwnExamples: number;
  /** Undefined for the first version. */
  readonly change?: VersionChange;
}

export interface SubjectDoc {
  readonly name: string;
  /** File-name-safe and URL-safe form of the name, unique in the site. */
  readonly slug: string;
  readonly registrySubject: string;
  readonly description?: string;
  readonly owners: readonly string[];
  readonly topic?: string;
  readonly producers: readonly string[];
  readonly consumers: readonly string[];
  readonly compatibility: CompatibilityMode;
  /** What each declared consumer reads and, per version, whether it is safe for it (absent without consumers or changes). */
  readonly consumerSafety?: readonly ConsumerSafety[];
  readonly tags: readonly string[];
  readonly deprecated?: {
    readonly reason: string;
    readonly replacement?: string;
    /** Slug of the replacement when it is a subject of this catalog. */
    readonly replacementSlug?: string;
  };
  /** Ascending; never empty. */
  readonly versions: readonly VersionDoc[];
}

export interface SubjectGroup {
  /** A tag, or "Untagged". */
  readonly name: string;
  readonly slug: string;
  /** Indices into DocsModel.subjects, sorted by subject name. */
  readonly subjects: readonly number[];
}

export interface ServiceDoc {
  readonly name: string;
  readonly slug: string;
  /** Indices into DocsModel.subjects. */
  readonly produces: readonly number[];
  readonly consumes: readonly number[];
}

export interface DocsModel {
  readonly title: string;
  /** `docs.version` from accord.yaml: the AsyncAPI document's `info.version`. */
  readonly version?: string;
  /** Where the subjects came from: `catalog` or the registry URL. */
  readonly source: string;
  readonly subjects: readonly SubjectDoc[];
  readonly groups: readonly SubjectGroup[];
  readonly services: readonly ServiceDoc[];
}

/** The subset of a catalog subject the model is built from (a registry read gives the same shape). */
export type DocsSubjectInput = Pick<
  CatalogSubject,
  "name" | "registrySubject" | "meta" | "versions" | "compatibility"
> & { readonly readers?: CatalogSubject["readers"] };
