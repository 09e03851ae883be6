/**
 * Schema GUIDs (Confluent's V1 wire format names a schema by GUID instead of id). Confluent
 * renders a hash of the schema's identity as a UUID; Accord does the same with the first 128
 * bits of the schema's fingerprint, so a GUID needs no storage of its own, never changes, and is
 * found through the fingerprint index.
 */

const FINGERPRINT = /^sha256:([0-9a-f]{32})[0-9a-f]{32}$/;
const GUID = /^([0-9a-f]{8})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{12})$/;

/** The GUID of the schema with this fingerprint (`sha256:` and 64 hex digits). */
export function guidOf(fingerprint: string): string {
  const hex = FINGERPRINT.exec(fingerprint)?.[1];
  if (hex === undefined) throw new Error(`not a schema fingerprint: ${fingerprint}`);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The start every fingerprint of the schema with this GUID has, or undefined when the text is not a GUID. */
export function fingerprintPrefix(guid: string): string | undefined {
  const parts = GUID.exec(guid.toLowerCase());
  return parts ? `sha256:${parts.slice(1).join("")}` : undefined;
}
