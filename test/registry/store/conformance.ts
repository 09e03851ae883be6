import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { AccordErrorCode, Result } from "../../../contracts/errors.js";
import type { SchemaReference } from "../../../registry/model.js";
import type {
  NewSchema,
  RegisterOutcome,
  RegistryStore,
  SubjectSnapshot,
} from "../../../registry/store/types.js";
import { describeHttpConformance } from "./conformance-http.js";

/**
 * The behaviour every RegistryStore must have. Each store's test file calls this with a factory
 * that returns a fresh, empty store.
 */
export function describeStoreConformance(name: string, open: () => Promise<RegistryStore>): void {
  describe(`${name} store conformance`, () => {
    let store: RegistryStore;

    beforeEach(async () => {
      store = await open();
    });
    afterEach(async () => {
      await store.close();
    });

    function schema(tag: string, references: SchemaReference[] = []): NewSchema {
      return { schema: JSON.stringify({ title: tag }), fingerprint: `fp-${tag}`, references };
    }

    describeHttpConformance(open);

    async function snapshot(subject: string): Promise<SubjectSnapshot> {
      return store.subjectState(subject);
    }

    async function register(subject: string, tag: string, references: SchemaReference[] = []) {
      return outcome(
        await store.register({ subject, schema: schema(tag, references), expected: await snapshot(subject) }),
      );
    }

    it("gives a new schema the next id and version 1", async () => {
      const a = await register("orders-value", "a");
      const b = await register("payments-value", "b");
      expect(a).toEqual({ kind: "created", id: 1, version: 1 });
      expect(b).toEqual({ kind: "created", id: 2, version: 1 });
      expect(await store.schemaById(1, ".")).toMatchObject({
        id: 1,
        schemaType: "JSON",
        schema: '{"title":"a"}',
      });
      expect(await store.schemaByFingerprint("fp-b", ".")).toMatchObject({ id: 2, fingerprint: "fp-b" });
      expect(await store.schemaByFingerprint("fp-zzz", ".")).toBeUndefined();
      expect(await store.maxSchemaId(".")).toBe(2);
      // How GUIDs are found: by the start of the fingerprint, the first fingerprint in order.
      expect(await store.schemasByFingerprintPrefix("fp-b")).toMatchObject([{ id: 2, context: "." }]);
      expect(await store.schemasByFingerprintPrefix("fp-")).toMatchObject([{ id: 1 }]);
      expect(await store.schemasByFingerprintPrefix("fp-c")).toEqual([]);
    });

    it("reuses the id of a schema registered under another subject", async () => {
      const first = await register("orders-value", "shared");
      const second = await register("audit-value", "shared");
      expect(second).toEqual({ kind: "created", id: first.id, version: 1 });
      expect(await store.usagesOfSchema(first.id, ".", { deleted: false })).toEqual([
        { subject: "audit-value", version: 1, deleted: false },
        { subject: "orders-value", version: 1, deleted: false },
      ]);
    });

    it("returns the existing version when the subject already has the schema, even if not the latest", async () => {
      await register("s", "v1");
      await register("s", "v2");
      expect(await register("s", "v1")).toEqual({ kind: "existing", id: 1, version: 1 });
      expect((await store.subjectVersions("s")).map((row) => row.version)).toEqual([1, 2]);
    });

    it("numbers a new version after the highest stored one, soft-deleted included", async () => {
      await register("s", "v1");
      await register("s", "v2");
      expect(await store.softDeleteVersion("s", 2)).toEqual({ ok: true, value: 2 });
      expect(await register("s", "v3")).toMatchObject({ kind: "created", version: 3 });
    });

    it("gives a schema whose only copy is soft-deleted a new version with the same id, dropping the old one", async () => {
      const first = await register("s", "v1");
      await register("s", "v2");
      await store.softDeleteVersion("s", 1);
      expect(await register("s", "v1")).toEqual({ kind: "created", id: first.id, version: 3 });
      // Confluent keeps one version per id in a subject: the soft-deleted copy is deleted for good.
      expect(await store.getVersion("s", 1)).toBeUndefined();
      expect((await store.subjectVersions("s")).map((row) => [row.version, row.deleted])).toEqual([
        [2, false],
        [3, false],
      ]);
      expect(await store.usagesOfSchema(first.id, ".", { deleted: true })).toEqual([
        { subject: "s", version: 3, deleted: false },
      ]);
    });

    it("keeps the soft-deleted copy of a re-registered schema while another schema references it", async () => {
      const first = await register("s", "v1");
      await register("r", "referrer", [{ name: "s.json", subject: "s", version: 1 }]);
      await register("s", "v2");
      await store.softDeleteSubject("r");
      await store.softDeleteVersion("s", 1);
      expect(await register("s", "v1")).toEqual({ kind: "created", id: first.id, version: 3 });
      expect((await store.getVersion("s", 1))?.deleted).toBe(true);
    });

    it("reports the subject state and finds a schema's versions by fingerprint", async () => {
      expect(await store.subjectState("s")).toEqual({ maxVersion: 0, live: [] });
      await register("s", "v1");
      await register("s", "v2");
      await register("s", "v3");
      await store.softDeleteVersion("s", 2);
      expect(await store.subjectState("s")).toEqual({ maxVersion: 3, live: [1, 3] });
      await store.softDeleteVersion("s", 1);
      expect(
        (await store.findSchemaInSubject("s", "fp-v1")).map((row) => [row.version, row.deleted]),
      ).toEqual([[1, true]]);
      expect(await store.findSchemaInSubject("t", "fp-v1")).toEqual([]);
    });

    it("commits concurrent registrations independently: one failing leaves the others written", async () => {
      await register("base", "base");
      const results = await Promise.all([
        store.register({ subject: "a", schema: schema("a"), expected: { maxVersion: 0, live: [] } }),
        store.register({
          subject: "b",
          schema: schema("b", [{ name: "x", subject: "missing", version: 1 }]),
          expected: { maxVersion: 0, live: [] },
        }),
        store.register({ subject: "c", schema: schema("c"), expected: { maxVersion: 0, live: [] } }),
        store.register({ subject: "c", schema: schema("d"), expected: { maxVersion: 0, live: [] } }),
      ]);
      expect(results.map((result) => (result.ok ? result.value.kind : result.error.code))).toEqual([
        "created",
        "ACCORD_ERR_REGISTRY_REFERENCE_UNRESOLVED",
        "created",
        "stale",
      ]);
      expect(await store.listSubjects({ deleted: true })).toEqual(["a", "base", "c"]);
    });

    it("writes nothing when the subject changed since the caller's snapshot", async () => {
      const stale = await snapshot("s");
      await register("s", "v1");
      const result = await store.register({ subject: "s", schema: schema("v2"), expected: stale });
      expect(outcome(result)).toEqual({ kind: "stale" });
      expect((await store.subjectVersions("s")).length).toBe(1);
      expect(await store.schemaById(2, ".")).toBeUndefined();
    });

    it("treats a soft delete since the snapshot as a change", async () => {
      await register("s", "v1");
      await register("s", "v2");
      const before = await snapshot("s");
      await store.softDeleteVersion("s", 2);
      expect(outcome(await store.register({ subject: "s", schema: schema("v3"), expected: before }))).toEqual(
        {
          kind: "stale",
        },
      );
    });

    it("accepts a requested version only when it is the next one", async () => {
      await register("s", "v1");
      const wrong = await store.register({
        subject: "s",
        schema: schema("v2"),
        expected: await snapshot("s"),
        version: 5,
      });
      expectError(wrong, "ACCORD_ERR_REGISTRY_SCHEMA_INVALID");
      const right = await store.register({
        subject: "s",
        schema: schema("v2"),
        expected: await snapshot("s"),
        version: 2,
      });
      expect(outcome(right)).toMatchObject({ kind: "created", version: 2 });
    });

    describe("import", () => {
      it("keeps the client's id and version, and later ids continue above it", async () => {
        const imported = await store.register({
          subject: "s",
          schema: schema("x"),
          expected: await snapshot("s"),
          importId: 100,
          version: 7,
        });
        expect(outcome(imported)).toEqual({ kind: "created", id: 100, version: 7 });
        expect(await register("s", "y")).toEqual({ kind: "created", id: 101, version: 8 });
      });

      it("refuses an id bound to another schema", async () => {
        await register("s", "x");
        const clash = await store.register({
          subject: "t",
          schema: schema("y"),
          expected: await snapshot("t"),
          importId: 1,
        });
        expectError(clash, "ACCORD_ERR_REGISTRY_OPERATION_NOT_PERMITTED");
        expect(await store.listSubjects({ deleted: true })).toEqual(["s"]);
      });

      it("refuses a schema already stored under another id, and a taken version", async () => {
        await register("s", "x");
        expectError(
          await store.register({
            subject: "t",
            schema: schema("x"),
            expected: await snapshot("t"),
            importId: 9,
          }),
          "ACCORD_ERR_REGISTRY_OPERATION_NOT_PERMITTED",
        );
        expectError(
          await store.register({
            subject: "s",
            schema: schema("z"),
            expected: await snapshot("s"),
            importId: 9,
            version: 1,
          }),
          "ACCORD_ERR_REGISTRY_OPERATION_NOT_PERMITTED",
        );
      });
    });

    describe("references", () => {
      it("requires the referenced version to exist and be live", async () => {
        const missing = await store.register({
          subject: "s",
          schema: schema("r", [{ name: "a.json", subject: "base", version: 1 }]),
          expected: await snapshot("s"),
        });
        expectError(missing, "ACCORD_ERR_REGISTRY_REFERENCE_UNRESOLVED");
        expect(await store.schemaById(1, ".")).toBeUndefined();
      });

      it("lists referrers and blocks deleting what is referenced", async () => {
        await register("base", "base");
        const referrer = await register("s", "r", [{ name: "a.json", subject: "base", version: 1 }]);
        expect(await store.referencedBy("base", 1, { deleted: false })).toEqual([referrer.id]);
        expect((await store.schemaById(referrer.id, "."))?.references).toEqual([
          { name: "a.json", subject: "base", version: 1 },
        ]);
        expectError(await store.softDeleteVersion("base", 1), "ACCORD_ERR_REGISTRY_REFERENCE_EXISTS");
        expectError(await store.softDeleteSubject("base"), "ACCORD_ERR_REGISTRY_REFERENCE_EXISTS");

        // A soft-deleted referrer no longer blocks a soft delete, but still blocks a permanent one.
        await store.softDeleteVersion("s", 1);
        expect(await store.referencedBy("base", 1, { deleted: false })).toEqual([]);
        expect(await store.referencedBy("base", 1, { deleted: true })).toEqual([referrer.id]);
        expect(await store.softDeleteVersion("base", 1)).toEqual({ ok: true, value: 1 });
        expectError(await store.hardDeleteVersion("base", 1), "ACCORD_ERR_REGISTRY_REFERENCE_EXISTS");

        await store.hardDeleteVersion("s", 1);
        expect(await store.hardDeleteVersion("base", 1)).toEqual({ ok: true, value: 1 });
      });

      it("lets a subject that references itself be deleted whole", async () => {
        await register("s", "base");
        await register("s", "r", [{ name: "a.json", subject: "s", version: 1 }]);
        expect(await store.softDeleteSubject("s")).toEqual({ ok: true, value: [1, 2] });
        expect(await store.hardDeleteSubject("s")).toEqual({ ok: true, value: [1, 2] });
      });
    });

    describe("contexts", () => {
      it("scopes schema ids per context: each context counts from 1, the same schema gets an id in each", async () => {
        expect(await register("orders", "a")).toEqual({ kind: "created", id: 1, version: 1 });
        expect(await register("orders-b", "b")).toEqual({ kind: "created", id: 2, version: 1 });
        expect(await register(":.eu:orders", "b")).toEqual({ kind: "created", id: 1, version: 1 });
        expect(await register(":.eu:audit", "b")).toEqual({ kind: "created", id: 1, version: 1 });
        expect(await register(":.eu:orders", "a")).toEqual({ kind: "created", id: 2, version: 2 });
        expect(await register(":.us:orders", "c")).toEqual({ kind: "created", id: 1, version: 1 });

        expect(await store.schemaById(1, ".")).toMatchObject({ context: ".", schema: '{"title":"a"}' });
        expect(await store.schemaById(1, ".eu")).toMatchObject({ context: ".eu", schema: '{"title":"b"}' });
        expect(await store.schemaById(3, ".eu")).toBeUndefined();
        expect(await store.schemaByFingerprint("fp-a", ".eu")).toMatchObject({ id: 2 });
        expect(await store.schemaByFingerprint("fp-c", ".")).toBeUndefined();
        expect(await store.maxSchemaId(".eu")).toBe(2);
        expect(await store.maxSchemaId(".none")).toBe(0);
        expect(await store.usagesOfSchema(1, ".eu", { deleted: false })).toEqual([
          { subject: ":.eu:audit", version: 1, deleted: false },
          { subject: ":.eu:orders", version: 1, deleted: false },
        ]);
        expect(await store.listContexts()).toEqual([".", ".eu", ".us"]);
        // One GUID, one entry per context holding the schema, the default context first.
        expect(
          (await store.schemasByFingerprintPrefix("fp-b")).map((found) => [found.context, found.id]),
        ).toEqual([
          [".", 2],
          [".eu", 1],
        ]);
        expect(await store.listSubjects({ deleted: false, prefix: ":.eu:" })).toEqual([
          ":.eu:audit",
          ":.eu:orders",
        ]);
      });

      it("keeps a context's ids apart when importing and after permanent deletes", async () => {
        const imported = await store.register({
          subject: ":.eu:orders",
          schema: schema("a"),
          expected: await snapshot(":.eu:orders"),
          importId: 7,
        });
        expect(outcome(imported)).toEqual({ kind: "created", id: 7, version: 1 });
        expect(await register(":.eu:orders", "b")).toEqual({ kind: "created", id: 8, version: 2 });
        // The default context's counter is untouched by the import into .eu.
        expect(await register("orders", "c")).toEqual({ kind: "created", id: 1, version: 1 });
        await store.softDeleteSubject(":.eu:orders");
        expect(await store.hardDeleteSubject(":.eu:orders")).toEqual({ ok: true, value: [1, 2] });
        expect(await store.schemaById(7, ".eu")).toBeUndefined();
        expect(await store.schemaById(1, ".")).toBeDefined();
        // Never handed out again in that context; the context stays listed, as Confluent keeps it.
        expect(await register(":.eu:orders", "a")).toEqual({ kind: "created", id: 9, version: 1 });
        expect(await store.listContexts()).toEqual([".", ".eu"]);
      });

      it("resolves a reference without a context in the referring subject's context", async () => {
        await register(":.eu:base", "base");
        const referrer = await register(":.eu:s", "r", [{ name: "base.json", subject: "base", version: 1 }]);
        expect(referrer).toMatchObject({ kind: "created", id: 2 });
        expect(await store.referencedBy(":.eu:base", 1, { deleted: false })).toEqual([2]);
        expectError(await store.softDeleteVersion(":.eu:base", 1), "ACCORD_ERR_REGISTRY_REFERENCE_EXISTS");
        // Stored as the client sent it.
        expect((await store.schemaById(2, ".eu"))?.references).toEqual([
          { name: "base.json", subject: "base", version: 1 },
        ]);
        // The default context has no `base`: the same reference there does not resolve.
        expectError(
          await store.register({
            subject: "s",
            schema: schema("r", [{ name: "base.json", subject: "base", version: 1 }]),
            expected: await snapshot("s"),
          }),
          "ACCORD_ERR_REGISTRY_REFERENCE_UNRESOLVED",
        );
        // A qualified reference reaches across contexts.
        expect(
          await register("s", "r", [{ name: "base.json", subject: ":.eu:base", version: 1 }]),
        ).toMatchObject({ kind: "created", id: 1 });
        expect(await store.referencedBy(":.eu:base", 1, { deleted: false })).toEqual([1, 2]);
      });
    });

    describe("deletes", () => {
      it("soft-deletes a version: hidden from live lists, still resolvable by id", async () => {
        const { id } = await register("s", "v1");
        await register("s", "v2");
        await store.softDeleteVersion("s", 1);
        expect((await store.getVersion("s", 1))?.deleted).toBe(true);
        expect((await store.latestVersion("s", { deleted: false }))?.version).toBe(2);
        expect(await store.schemaById(id, ".")).toBeDefined();
        expect(await store.usagesOfSchema(id, ".", { deleted: false })).toEqual([]);
        expect(await store.usagesOfSchema(id, ".", { deleted: true })).toEqual([
          { subject: "s", version: 1, deleted: true },
        ]);
      });

      it("applies the soft-then-hard rules to versions", async () => {
        await register("s", "v1");
        expectError(await store.softDeleteVersion("nope", 1), "ACCORD_ERR_REGISTRY_SUBJECT_NOT_FOUND");
        expectError(await store.softDeleteVersion("s", 9), "ACCORD_ERR_REGISTRY_VERSION_NOT_FOUND");
        expectError(await store.hardDeleteVersion("s", 1), "ACCORD_ERR_REGISTRY_VERSION_NOT_SOFT_DELETED");
        await store.softDeleteVersion("s", 1);
        expectError(await store.softDeleteVersion("s", 1), "ACCORD_ERR_REGISTRY_VERSION_SOFT_DELETED");
        expect(await store.hardDeleteVersion("s", 1)).toEqual({ ok: true, value: 1 });
        expect(await store.getVersion("s", 1)).toBeUndefined();
        // The schema was used nowhere else, so its id is gone and never handed out again.
        expect(await store.schemaById(1, ".")).toBeUndefined();
        expect(await register("s", "v1")).toEqual({ kind: "created", id: 2, version: 1 });
      });

      it("applies the soft-then-hard rules to subjects and removes their config and mode", async () => {
        await register("s", "v1");
        await register("s", "v2");
        await store.setConfig("s", { compatibility: "FULL" });
        await store.setMode("s", "READONLY");
        expectError(await store.hardDeleteSubject("s"), "ACCORD_ERR_REGISTRY_SUBJECT_NOT_SOFT_DELETED");
        expect(await store.softDeleteSubject("s")).toEqual({ ok: true, value: [1, 2] });
        expectError(await store.softDeleteSubject("s"), "ACCORD_ERR_REGISTRY_SUBJECT_SOFT_DELETED");
        expect(await store.listSubjects({ deleted: false })).toEqual([]);
        expect(await store.listSubjects({ deleted: true })).toEqual(["s"]);
        expect(await store.hardDeleteSubject("s")).toEqual({ ok: true, value: [1, 2] });
        expectError(await store.hardDeleteSubject("s"), "ACCORD_ERR_REGISTRY_SUBJECT_NOT_FOUND");
        expect(await store.getConfig("s")).toBeUndefined();
        expect(await store.getMode("s")).toBeUndefined();
        expect(await register("s", "v3")).toMatchObject({ version: 1 });
      });

      it("keeps a schema id that another subject still uses", async () => {
        const { id } = await register("a", "shared");
        await register("b", "shared");
        await store.softDeleteSubject("a");
        await store.hardDeleteSubject("a");
        expect(await store.schemaById(id, ".")).toBeDefined();
      });
    });

    it("lists subjects sorted, by prefix, with or without soft-deleted ones", async () => {
      await register("orders-value", "a");
      await register("orders-key", "b");
      await register("payments-value", "c");
      await store.softDeleteSubject("payments-value");
      expect(await store.listSubjects({ deleted: false })).toEqual(["orders-key", "orders-value"]);
      expect(await store.listSubjects({ deleted: true, prefix: "pay" })).toEqual(["payments-value"]);
      expect(await store.listSubjects({ deleted: false, prefix: "orders-v" })).toEqual(["orders-value"]);
      expect(await store.listSubjects({ deleted: false, prefix: "%" })).toEqual([]);
    });

    it("keeps global and subject config and mode apart", async () => {
      expect(await store.getConfig(null)).toBeUndefined();
      await store.setConfig(null, { compatibility: "FULL" });
      await store.setConfig("s", { compatibility: "NONE", normalize: true });
      await store.setConfig(null, { compatibility: "FORWARD" });
      expect(await store.getConfig(null)).toEqual({ compatibility: "FORWARD" });
      expect(await store.getConfig("s")).toEqual({ compatibility: "NONE", normalize: true });
      expect(await store.deleteConfig("s")).toEqual({ compatibility: "NONE", normalize: true });
      expect(await store.getConfig("s")).toBeUndefined();
      expect(await store.deleteConfig("s")).toBeUndefined();

      await store.setMode(null, "READONLY");
      await store.setMode("s", "IMPORT");
      expect(await store.getMode(null)).toBe("READONLY");
      expect(await store.getMode("s")).toBe("IMPORT");
      expect(await store.deleteMode(null)).toBe("READONLY");
      expect(await store.getMode(null)).toBeUndefined();
    });

    it("stores a schema's metadata and rule set, and a scope's data-contract settings", async () => {
      const metadata = { properties: { major_version: "2" }, tags: { "$.id": ["PII"] } };
      const ruleSet = { domainRules: [{ name: "r", kind: "CONDITION", expr: "true" }] };
      const created = outcome(
        await store.register({
          subject: "orders-value",
          schema: { ...schema("contract"), metadata, ruleSet },
          expected: await snapshot("orders-value"),
        }),
      );
      expect(await store.schemaById(created.id, ".")).toMatchObject({ metadata, ruleSet });
      expect((await store.getVersion("orders-value", 1))?.schema).toMatchObject({ metadata, ruleSet });
      expect(await store.schemaById((await register("plain-value", "plain")).id, ".")).not.toHaveProperty(
        "metadata",
      );

      const settings = {
        compatibility: "FULL" as const,
        compatibilityGroup: "major_version",
        defaultMetadata: { properties: { team: "orders" } },
        overrideRuleSet: ruleSet,
        validateFields: true,
      };
      await store.setConfig("orders-value", settings);
      expect(await store.getConfig("orders-value")).toEqual(settings);
      expect(await store.deleteConfig("orders-value")).toEqual(settings);
    });

    it("keeps one declaration per subject and consumer, and says whether a put changed it", async () => {
      const billing = { subject: "orders", consumer: "billing", reads: ["/id", "/total"], version: 1 };
      expect(await store.putConsumer(billing)).toBe("created");
      expect(await store.putConsumer(billing)).toBe("unchanged");
      expect(await store.putConsumer({ ...billing, reads: ["/id"], version: 2 })).toBe("updated");
      expect(await store.putConsumer({ subject: "a-first", consumer: "x", reads: ["/y"], version: 3 })).toBe(
        "created",
      );
      expect(await store.listConsumers("orders")).toEqual([{ ...billing, reads: ["/id"], version: 2 }]);
      expect((await store.listConsumers()).map((c) => `${c.subject}/${c.consumer}`)).toEqual([
        "a-first/x",
        "orders/billing",
      ]);
      expect(await store.listConsumers("nothing")).toEqual([]);
    });
  });
}

function outcome(result: Result<RegisterOutcome>): RegisterOutcome & { id: number } {
  if (!result.ok)
    throw new Error(`expected a registration, got ${result.error.code}: ${result.error.message}`);
  return result.value as RegisterOutcome & { id: number };
}

function expectError(result: Result<unknown>, code: AccordErrorCode): void {
  expect(result.ok ? "ok" : result.error.code).toBe(code);
}
