import { describe, expect, it } from "vitest";
import { decideRegistration, type RegistrationFacts } from "../../../registry/store/registration.js";
import type { RegisterRequest } from "../../../registry/store/types.js";

function request(extra: Partial<RegisterRequest> = {}): RegisterRequest {
  return {
    subject: "orders-value",
    schema: { schema: "{}", fingerprint: "fp-new", references: [] },
    expected: { maxVersion: 2, live: [1, 2] },
    ...extra,
  };
}

/** Subject orders-value with versions 1 (fp-a, id 1) and 2 (fp-b, id 2); schema fp-other is id 7. */
function facts(extra: Partial<RegistrationFacts> = {}): RegistrationFacts {
  const schemas = [
    { id: 1, fingerprint: "fp-a" },
    { id: 2, fingerprint: "fp-b" },
    { id: 7, fingerprint: "fp-other" },
  ];
  return {
    versions: [
      { version: 1, deleted: false, id: 1, fingerprint: "fp-a" },
      { version: 2, deleted: 0, id: 2, fingerprint: "fp-b" },
    ],
    referenceLive: (subject, version) => subject === "common-value" && version === 1,
    schemaByFingerprint: (fingerprint) => schemas.find((schema) => schema.fingerprint === fingerprint),
    schemaById: (id) => schemas.find((schema) => schema.id === id),
    ...extra,
  };
}

describe("registration decision", () => {
  it("answers with the live version that already holds the schema", () => {
    const decided = decideRegistration(
      request({ schema: { schema: "{}", fingerprint: "fp-a", references: [] } }),
      facts(),
    );
    expect(decided).toEqual({ ok: true, value: { kind: "existing", id: 1, version: 1 } });
  });

  it("creates the next version, reusing the id of a schema stored under another subject", () => {
    expect(decideRegistration(request(), facts())).toEqual({
      ok: true,
      value: { kind: "create", version: 3, reuse: undefined, tombstone: [] },
    });
    const shared = request({ schema: { schema: "{}", fingerprint: "fp-other", references: [] } });
    expect(decideRegistration(shared, facts())).toEqual({
      ok: true,
      value: { kind: "create", version: 3, reuse: 7, tombstone: [] },
    });
  });

  it("is stale when the subject changed after the caller checked it", () => {
    expect(decideRegistration(request({ expected: { maxVersion: 1, live: [1] } }), facts())).toEqual({
      ok: true,
      value: { kind: "stale" },
    });
    const softDeleted = facts({
      versions: [
        { version: 1, deleted: 1, id: 1, fingerprint: "fp-a" },
        { version: 2, deleted: true, id: 2, fingerprint: "fp-b" },
      ],
    });
    expect(decideRegistration(request(), softDeleted)).toEqual({ ok: true, value: { kind: "stale" } });
  });

  it("refuses a reference to a missing or soft-deleted version", () => {
    const references = [{ name: "common.json", subject: "common-value", version: 2 }];
    const decided = decideRegistration(
      request({ schema: { schema: "{}", fingerprint: "fp-new", references } }),
      facts(),
    );
    expect(decided.ok).toBe(false);
    if (decided.ok) return;
    expect(decided.error.code).toBe("ACCORD_ERR_REGISTRY_REFERENCE_UNRESOLVED");
  });

  it("refuses to import a stored schema under another id, or over an id another schema holds", () => {
    const again = decideRegistration(
      request({ schema: { schema: "{}", fingerprint: "fp-other", references: [] }, importId: 9 }),
      facts(),
    );
    expect(again.ok ? "" : again.error.message).toBe(
      "The schema is already registered with id 7; it cannot be imported again as id 9.",
    );
    const taken = decideRegistration(request({ importId: 2 }), facts());
    expect(taken.ok ? "" : taken.error.message).toBe("Overwrite new schema with id 2 not permitted.");
  });

  it("checks the import's id before its version, whichever store decides", () => {
    // Both the id (held by another schema) and the version (taken) are wrong: the id is reported.
    const decided = decideRegistration(request({ importId: 2, version: 1 }), facts());
    expect(decided.ok ? "" : decided.error.message).toBe("Overwrite new schema with id 2 not permitted.");
  });

  it("takes a requested version: any free one when importing, only the next one otherwise", () => {
    expect(decideRegistration(request({ importId: 40, version: 10 }), facts())).toEqual({
      ok: true,
      value: { kind: "create", version: 10, reuse: undefined, tombstone: [] },
    });
    const taken = decideRegistration(request({ importId: 40, version: 2 }), facts());
    expect(taken.ok ? "" : taken.error.message).toBe(
      'Version 2 of subject "orders-value" already exists with another schema; import cannot overwrite it.',
    );
    const skipped = decideRegistration(request({ version: 5 }), facts());
    expect(skipped.ok ? "" : skipped.error.code).toBe("ACCORD_ERR_REGISTRY_SCHEMA_INVALID");
    expect(decideRegistration(request({ version: 3 }), facts())).toEqual({
      ok: true,
      value: { kind: "create", version: 3, reuse: undefined, tombstone: [] },
    });
  });
});
