import type { ModuleStyle } from "../../contracts/codegen/types.js";
import { banner, fileName, type RenderedFile } from "./code.js";

/**
 * `_runtime/wire`: framing, JSON and the typed error shared by every subject's codec. Written to
 * compile under `tsc --strict` (with noUncheckedIndexedAccess and exactOptionalPropertyTypes) in a
 * project with no lib beyond ES2020 and no @types/node: TextEncoder and TextDecoder are reached
 * through globalThis with their shapes declared here.
 */

const SOURCE = `export type AccordWireErrorCode =
  | "frame-too-short"
  | "unknown-magic-byte"
  | "unknown-schema-id"
  | "invalid-utf8"
  | "invalid-json"
  | "invalid-event";

export interface AccordWireErrorDetails {
  readonly code: AccordWireErrorCode;
  readonly operation: "encode" | "decode";
  readonly subject: string;
  readonly version?: number;
  readonly schemaId?: number;
  /** JSON Pointer into the event ("" for the event as a whole). */
  readonly path: string;
  readonly reason: string;
}

/** Every failure of a generated encoder or decoder. */
export class AccordWireError extends Error {
  readonly code: AccordWireErrorCode;
  readonly operation: "encode" | "decode";
  readonly subject: string;
  readonly version: number | undefined;
  readonly schemaId: number | undefined;
  readonly path: string;
  readonly reason: string;

  constructor(details: AccordWireErrorDetails) {
    const at = details.version === undefined ? "" : \` v\${details.version}\`;
    const where = details.path === "" ? "" : \`\${details.path} \`;
    super(\`cannot \${details.operation} \${details.subject}\${at}: \${where}\${details.reason}\`);
    this.name = "AccordWireError";
    this.code = details.code;
    this.operation = details.operation;
    this.subject = details.subject;
    this.version = details.version;
    this.schemaId = details.schemaId;
    this.path = details.path;
    this.reason = details.reason;
  }
}

/** The part of an ajv error the messages use. */
export interface ValidationIssue {
  readonly instancePath: string;
  readonly keyword: string;
  readonly message?: string | undefined;
  readonly params: {
    readonly missingProperty?: unknown;
    readonly additionalProperty?: unknown;
    readonly allowedValues?: unknown;
  };
}

/** A precompiled validator: true when the value is valid, else \`errors\` says why. */
export interface Validator {
  (value: unknown): boolean;
  errors?: readonly ValidationIssue[] | null | undefined;
}

interface Utf8Encoder {
  encode(input: string): Uint8Array;
}
interface Utf8Decoder {
  decode(input: Uint8Array): string;
}
const platform = globalThis as unknown as {
  readonly TextEncoder: new () => Utf8Encoder;
  readonly TextDecoder: new (label: string, options: { fatal: boolean }) => Utf8Decoder;
};
const encoder = new platform.TextEncoder();
// fatal: bytes that are not UTF-8 are an error, not silently replaced characters.
const decoder = new platform.TextDecoder("utf-8", { fatal: true });

/** Confluent framing: magic byte 0, the schema id as a 4-byte big-endian int, then the UTF-8 JSON. */
export function frame(schemaId: number, event: unknown): Uint8Array {
  const body = encoder.encode(JSON.stringify(event));
  const bytes = new Uint8Array(body.length + 5);
  bytes[1] = (schemaId >>> 24) & 0xff;
  bytes[2] = (schemaId >>> 16) & 0xff;
  bytes[3] = (schemaId >>> 8) & 0xff;
  bytes[4] = schemaId & 0xff;
  bytes.set(body, 5);
  return bytes;
}

/** The UTF-8 JSON of an event, unframed. */
export function toJsonBytes(event: unknown): Uint8Array {
  return encoder.encode(JSON.stringify(event));
}

/** What a Confluent frame names its schema by, and where the JSON after it starts. */
export type FrameHeader =
  | { readonly schemaId: number; readonly offset: number }
  | { readonly guid: string; readonly offset: number };

/**
 * The header of a Confluent frame: V0 is magic byte 0 and the schema id (a 4-byte big-endian
 * signed int, as the Confluent serializers write it); V1 is magic byte 1 and the schema's 16-byte
 * GUID. The UTF-8 JSON follows either.
 */
export function frameOf(bytes: Uint8Array, subject: string): FrameHeader {
  if (bytes[0] === 1) {
    if (bytes.length < 17) {
      throw new AccordWireError({
        code: "frame-too-short",
        operation: "decode",
        subject,
        path: "",
        reason: \`a V1 Confluent frame has at least 17 bytes (magic byte, 16-byte GUID); this one has \${bytes.length}\`,
      });
    }
    let hex = "";
    for (let index = 1; index < 17; index++) hex += ((bytes[index] as number) + 0x100).toString(16).slice(1);
    const guid = \`\${hex.slice(0, 8)}-\${hex.slice(8, 12)}-\${hex.slice(12, 16)}-\${hex.slice(16, 20)}-\${hex.slice(20)}\`;
    return { guid, offset: 17 };
  }
  if (bytes.length < 5) {
    throw new AccordWireError({
      code: "frame-too-short",
      operation: "decode",
      subject,
      path: "",
      reason: \`a Confluent frame has at least 5 bytes (magic byte, 4-byte schema id); this one has \${bytes.length}\`,
    });
  }
  if (bytes[0] !== 0) {
    throw new AccordWireError({
      code: "unknown-magic-byte",
      operation: "decode",
      subject,
      path: "",
      reason: \`the frame starts with byte \${bytes[0]}, not the magic byte 0 or 1 of Confluent framing\`,
    });
  }
  const schemaId =
    ((bytes[1] as number) << 24) | ((bytes[2] as number) << 16) | ((bytes[3] as number) << 8) | (bytes[4] as number);
  return { schemaId, offset: 5 };
}

/** Parses the JSON after \`offset\`; \`version\` and \`schemaId\` only label errors. */
export function parseEvent(
  bytes: Uint8Array,
  offset: number,
  subject: string,
  version: number | undefined,
  schemaId: number | undefined,
): unknown {
  let text: string;
  try {
    text = decoder.decode(offset === 0 ? bytes : bytes.subarray(offset));
  } catch {
    throw failure("invalid-utf8", "decode", subject, version, schemaId, "", "the payload is not valid UTF-8");
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw failure("invalid-json", "decode", subject, version, schemaId, "", \`the payload is not JSON (\${reason})\`);
  }
}

/** A schema id no generated version has. */
export function unknownSchemaId(subject: string, schemaId: number, known: string): AccordWireError {
  return failure(
    "unknown-schema-id",
    "decode",
    subject,
    undefined,
    schemaId,
    "",
    \`schema id \${schemaId} is none of the versions this code was generated for (\${known}); regenerate with accord generate if a new version was published\`,
  );
}

/** A V1 frame's GUID that no generated version has. */
export function unknownSchemaGuid(subject: string, guid: string, known: string): AccordWireError {
  return failure(
    "unknown-schema-id",
    "decode",
    subject,
    undefined,
    undefined,
    "",
    \`schema GUID \${guid} is none of the versions this code was generated for (\${known || "no GUIDs were known when it was generated"}); regenerate with accord generate\`,
  );
}

/** An event its validator rejected, described by the first problem found. */
export function invalidEvent(
  operation: "encode" | "decode",
  subject: string,
  version: number,
  schemaId: number | undefined,
  errors: readonly ValidationIssue[] | null | undefined,
): AccordWireError {
  const issue = errors?.[0];
  if (issue === undefined) {
    return failure("invalid-event", operation, subject, version, schemaId, "", "does not match the schema");
  }
  const missing = issue.params.missingProperty;
  const extra = issue.params.additionalProperty;
  if (issue.keyword === "required" && typeof missing === "string") {
    return failure("invalid-event", operation, subject, version, schemaId, \`\${issue.instancePath}/\${escapeToken(missing)}\`, "is required but missing");
  }
  if (issue.keyword === "additionalProperties" && typeof extra === "string") {
    return failure("invalid-event", operation, subject, version, schemaId, \`\${issue.instancePath}/\${escapeToken(extra)}\`, "is not a property the schema allows");
  }
  const allowed = issue.params.allowedValues;
  const reason =
    issue.keyword === "enum" && Array.isArray(allowed)
      ? \`must be one of \${allowed.map((value) => JSON.stringify(value)).join(", ")}\`
      : (issue.message ?? \`fails \${issue.keyword}\`);
  return failure("invalid-event", operation, subject, version, schemaId, issue.instancePath, reason);
}

function failure(
  code: AccordWireErrorCode,
  operation: "encode" | "decode",
  subject: string,
  version: number | undefined,
  schemaId: number | undefined,
  path: string,
  reason: string,
): AccordWireError {
  return new AccordWireError({
    code,
    operation,
    subject,
    ...(version === undefined ? {} : { version }),
    ...(schemaId === undefined ? {} : { schemaId }),
    path,
    reason,
  });
}

function escapeToken(token: string): string {
  return token.replace(/~/g, "~0").replace(/\\//g, "~1");
}
`;

export function renderWireRuntime(style: ModuleStyle): RenderedFile {
  const content = `${banner("Wire format runtime shared by every generated subject; no dependencies.")}\n\n${SOURCE}`;
  return { path: `_runtime/${fileName("wire", style)}`, content };
}
