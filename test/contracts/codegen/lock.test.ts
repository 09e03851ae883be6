import { describe, expect, it } from "vitest";
import { type Lock, lockedSchemaId, parseLock, renderLock } from "../../../contracts/codegen/lock.js";

const A = `sha256:${"a".repeat(64)}`;
const B = `sha256:${"b".repeat(64)}`;

const lock: Lock = {
  lockfileVersion: 1,
  wire: "confluent",
  subjects: [
    {
      subject: "order-placed",
      registrySubject: "order-placed-value",
      versions: [
        { version: 1, schemaId: 3, fingerprint: A },
        { version: 2, schemaId: 7, schemaGuid: "0a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9", fingerprint: B },
      ],
    },
    { subject: "payment", registrySubject: "payment", versions: [{ version: 1, fingerprint: A }] },
  ],
};

describe("accord.lock", () => {
  it("renders stable text that parses back to the same lock", () => {
    const text = renderLock(lock);
    expect(text.endsWith("}\n")).toBe(true);
    expect(text).toContain(
      `{ "version": 2, "schemaId": 7, "schemaGuid": "0a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9", "fingerprint": "${B}" }`,
    );
    const parsed = parseLock(text, "accord.lock");
    expect(parsed).toEqual({ ok: true, value: lock });
    expect(renderLock({ lockfileVersion: 1, wire: "json", subjects: [] })).toBe(
      '{\n  "lockfileVersion": 1,\n  "wire": "json",\n  "subjects": []\n}\n',
    );
  });

  it("pins an id only while the fingerprint matches", () => {
    expect(lockedSchemaId(lock, "order-placed", 1, A)).toEqual({ schemaId: 3 });
    expect(lockedSchemaId(lock, "order-placed", 2, B)).toEqual({
      schemaId: 7,
      schemaGuid: "0a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9",
    });
    const stale = lockedSchemaId(lock, "order-placed", 2, A);
    expect(stale).toMatchObject({ stale: expect.stringContaining("pins schema id 7") });
    expect(lockedSchemaId(lock, "order-placed", 3, A)).toBeUndefined();
    expect(lockedSchemaId(lock, "order-placed", 1, B)).toMatchObject({ stale: expect.any(String) });
    expect(lockedSchemaId(lock, "payment", 1, A)).toBeUndefined();
    expect(lockedSchemaId(undefined, "order-placed", 1, A)).toBeUndefined();
  });

  it.each([
    ["not json", "{", /accord\.lock: not JSON/],
    [
      "wrong version",
      '{"lockfileVersion": 2, "wire": "json", "subjects": []}',
      /#\/lockfileVersion: must be 1/,
    ],
    [
      "bad wire",
      '{"lockfileVersion": 1, "wire": "avro", "subjects": []}',
      /#\/wire: must be one of confluent, json/,
    ],
    [
      "bad id",
      `{"lockfileVersion": 1, "wire": "json", "subjects": [{"subject": "a", "registrySubject": "a", "versions": [{"version": 1, "schemaId": -4, "fingerprint": "${A}"}]}]}`,
      /#\/subjects\/0\/versions\/0\/schemaId: must be a positive integer/,
    ],
    [
      "bad GUID",
      `{"lockfileVersion": 1, "wire": "json", "subjects": [{"subject": "a", "registrySubject": "a", "versions": [{"version": 1, "schemaGuid": "not-a-guid", "fingerprint": "${A}"}]}]}`,
      /#\/subjects\/0\/versions\/0\/schemaGuid: must be a GUID/,
    ],
    [
      "bad fingerprint",
      `{"lockfileVersion": 1, "wire": "json", "subjects": [{"subject": "a", "registrySubject": "a", "versions": [{"version": 1, "fingerprint": "md5:x"}]}]}`,
      /fingerprint: must be "sha256:"/,
    ],
  ])("refuses a lock with %s, naming where", (_name, text, message) => {
    const result = parseLock(text, "accord.lock");
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe("ACCORD_ERR_GENERATE_LOCK_INVALID");
    expect(result.error.message).toMatch(message);
  });
});
