import type { FastifyInstance } from "fastify";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { buildApp } from "../../../registry/app.js";
import { guidOf } from "../../../registry/guid.js";
import type { RegistryStore } from "../../../registry/store/types.js";
import { callRegistry, expectError, jsonSchema, ORDER_V1, ORDER_V2, type Reply } from "../helpers.js";

/**
 * The part of the store conformance suite that goes through the HTTP API: what Confluent clients
 * see of contexts, server metadata and deletes must not depend on the store behind it. Called by
 * describeStoreConformance with the store under test.
 */
export function describeHttpConformance(open: () => Promise<RegistryStore>): void {
  describe("over HTTP", () => {
    let store: RegistryStore;
    let app: FastifyInstance;

    beforeEach(async () => {
      store = await open();
      app = buildApp({ store, checks: { workers: 1 } });
      await app.ready();
    });
    afterEach(async () => {
      await app.close();
      await store.close();
    });

    const call = (method: "GET" | "POST" | "PUT" | "DELETE", url: string, body?: unknown): Promise<Reply> =>
      callRegistry(app, method, url, body);

    async function register(subject: string, schema: unknown): Promise<{ id: number; version: number }> {
      const reply = await call(
        "POST",
        `/subjects/${encodeURIComponent(subject)}/versions`,
        jsonSchema(schema),
      );
      expect(reply.status, reply.raw.body).toBe(200);
      return reply.body as { id: number; version: number };
    }

    describe("contexts", () => {
      it("keeps ids per context and lists subjects and schemas by context prefix", async () => {
        expect(await register("orders-value", ORDER_V1)).toMatchObject({ id: 1, version: 1 });
        expect(await register("audit-value", ORDER_V2)).toMatchObject({ id: 2, version: 1 });
        // The same schema text in another context gets that context's first id.
        expect(await register(":.eu:orders-value", ORDER_V2)).toMatchObject({ id: 1, version: 1 });
        expect(await register(":.eu:payments-value", ORDER_V1)).toMatchObject({ id: 2, version: 1 });
        // `:.:name` is the default context's `name`.
        expect(await register(":.:orders-value", ORDER_V1)).toMatchObject({ id: 1, version: 1 });

        expect((await call("GET", "/contexts")).body).toEqual([".", ".eu"]);
        expect((await call("GET", "/contexts?contextPrefix=.e")).body).toEqual([".eu"]);
        expect((await call("GET", "/contexts?offset=1&limit=1")).body).toEqual([".eu"]);
        expect((await call("GET", "/subjects")).body).toEqual([
          ":.eu:orders-value",
          ":.eu:payments-value",
          "audit-value",
          "orders-value",
        ]);
        expect((await call("GET", "/subjects?subjectPrefix=:*:")).body).toHaveLength(4);
        expect((await call("GET", "/subjects?subjectPrefix=:.:")).body).toEqual([
          "audit-value",
          "orders-value",
        ]);
        expect((await call("GET", "/subjects?subjectPrefix=:.eu:")).body).toEqual([
          ":.eu:orders-value",
          ":.eu:payments-value",
        ]);
        expect((await call("GET", "/subjects?subjectPrefix=:.eu:pay")).body).toEqual([":.eu:payments-value"]);
        expect((await call("GET", "/subjects?subjectPrefix=:*:orders")).body).toEqual([
          ":.eu:orders-value",
          "orders-value",
        ]);
        expect((await call("GET", "/subjects?subjectPrefix=orders")).body).toEqual(["orders-value"]);
        expect((await call("GET", "/subjects?subjectPrefix=:.e")).body).toEqual([
          ":.eu:orders-value",
          ":.eu:payments-value",
        ]);
        const listed = (await call("GET", "/schemas?subjectPrefix=:.eu:")).body as {
          subject: string;
          id: number;
        }[];
        expect(listed.map((row) => [row.subject, row.id])).toEqual([
          [":.eu:orders-value", 1],
          [":.eu:payments-value", 2],
        ]);
        expect(
          (await call("GET", `/subjects/${encodeURIComponent(":.eu:orders-value")}/versions/1`)).body,
        ).toMatchObject({
          subject: ":.eu:orders-value",
          id: 1,
          schema: JSON.stringify(ORDER_V2),
        });
      });

      it("reads an id in the context the subject names, falling back to other contexts for a plain name", async () => {
        await register("orders-value", ORDER_V1);
        await register(":.eu:orders-value", ORDER_V1);
        await register(":.eu:orders-value", ORDER_V2);

        expect((await call("GET", "/schemas/ids/1")).body).toMatchObject({
          schema: JSON.stringify(ORDER_V1),
        });
        expectError(await call("GET", "/schemas/ids/2"), 404, 40403);
        const inEu = await call("GET", `/schemas/ids/2?subject=${encodeURIComponent(":.eu:orders-value")}`);
        expect(inEu.body).toMatchObject({ schema: JSON.stringify(ORDER_V2), schemaType: "JSON" });
        // A context alone (`:.eu:`) names where to look too.
        expect((await call("GET", "/schemas/ids/2?subject=:.eu:")).body).toMatchObject({
          schema: JSON.stringify(ORDER_V2),
        });
        // The default context has no id 2; the plain name is found in .eu, as Confluent does.
        expect((await call("GET", "/schemas/ids/2?subject=orders-value")).body).toMatchObject({
          schema: JSON.stringify(ORDER_V2),
        });
        expectError(await call("GET", "/schemas/ids/2?subject=audit-value"), 404, 40403);
        expect(
          (await call("GET", "/schemas/ids/2?subject=:.eu:orders-value&fetchMaxId=true")).body,
        ).toMatchObject({
          maxId: 2,
        });
        expect((await call("GET", "/schemas/ids/1?fetchMaxId=true")).body).toMatchObject({ maxId: 1 });
        expect((await call("GET", "/schemas/ids/1/subjects?subject=:.eu:")).body).toEqual([
          ":.eu:orders-value",
        ]);
        expect((await call("GET", "/schemas/ids/1/versions")).body).toEqual([
          { subject: "orders-value", version: 1 },
        ]);
        expect((await call("GET", "/schemas/ids/2/schema?subject=:.eu:")).body).toEqual(ORDER_V2);
        // A lookup by a plain name finds the version in another context, as Confluent's does.
        expect((await call("POST", "/subjects/orders-value", jsonSchema(ORDER_V2))).body).toMatchObject({
          subject: ":.eu:orders-value",
          id: 2,
          version: 2,
        });
        expectError(await call("POST", "/subjects/nothing-value", jsonSchema(ORDER_V2)), 404, 40401);
        // A reader by subject and version finds a plain name in another context too.
        expect((await call("GET", "/subjects/orders-value/versions/2")).body).toMatchObject({
          subject: ":.eu:orders-value",
          version: 2,
        });

        // One GUID per schema, with its id in every context that holds it.
        const { guid } = (await call("GET", "/schemas/ids/1")).body as { guid: string };
        expect(guid).toBe(guidOf((await store.schemaById(1, "."))?.fingerprint ?? ""));
        expect((await call("GET", `/schemas/guids/${guid}/ids`)).body).toEqual([
          { context: ".", id: 1 },
          { context: ".eu", id: 1 },
        ]);
      });

      it("applies a context's config to its subjects, under their own and over the global one", async () => {
        expect((await call("PUT", "/config/:.eu:", { compatibility: "NONE" })).status).toBe(200);
        await register(":.eu:orders-value", ORDER_V1);
        // BACKWARD (global) would refuse this narrowing; the context's NONE lets it through.
        await register(":.eu:orders-value", { ...ORDER_V1, properties: { orderId: { type: "integer" } } });
        await register("orders-value", ORDER_V1);
        const refused = await call(
          "POST",
          "/subjects/orders-value/versions",
          jsonSchema({ ...ORDER_V1, properties: { orderId: { type: "integer" } } }),
        );
        expectError(refused, 409, 40901);
        expect(
          (await call("GET", `/config/${encodeURIComponent(":.eu:orders-value")}?defaultToGlobal=true`)).body,
        ).toMatchObject({
          compatibilityLevel: "NONE",
        });
        // A context with live subjects switches to IMPORT only with force, like the global scope.
        expectError(await call("PUT", "/mode/:.eu:", { mode: "IMPORT" }), 422, 42205);
        expect((await call("PUT", "/mode/:.eu:", { mode: "READONLY" })).status).toBe(200);
        expectError(
          await call("POST", `/subjects/${encodeURIComponent(":.eu:x")}/versions`, jsonSchema(ORDER_V1)),
          422,
          42205,
        );
        expect(await register("x", ORDER_V1)).toMatchObject({ version: 1 });
      });

      it("refuses names that are not subjects", async () => {
        for (const name of [":.eu:", ":*:orders", ":.__GLOBAL:orders", ":.e/u:orders"]) {
          const reply = await call(
            "POST",
            `/subjects/${encodeURIComponent(name)}/versions`,
            jsonSchema(ORDER_V1),
          );
          expectError(reply, 422, 42208);
        }
      });
    });

    it("answers /v1/metadata/id and /v1/metadata/version as Confluent does", async () => {
      expect((await call("GET", "/v1/metadata/id")).body).toEqual({
        scope: { path: [], clusters: { "kafka-cluster": "", "schema-registry-cluster": "accord" } },
      });
      const version = (await call("GET", "/v1/metadata/version")).body as { version: string };
      expect(version).toEqual({ version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
    });

    it("re-registers a schema whose only copy is soft-deleted with its id, dropping the old version", async () => {
      await call("PUT", "/config/orders-value", { compatibility: "NONE" });
      const first = await register("orders-value", ORDER_V1);
      await register("orders-value", ORDER_V2);
      expect((await call("DELETE", "/subjects/orders-value/versions/1")).body).toBe(1);
      expect(
        (await call("GET", "/subjects/orders-value/versions?deleted=true&deletedAsNegative=true")).body,
      ).toEqual([-1, 2]);
      expect(await register("orders-value", ORDER_V1)).toMatchObject({ id: first.id, version: 3 });
      expect(
        (await call("GET", "/subjects/orders-value/versions?deleted=true&deletedAsNegative=true")).body,
      ).toEqual([2, 3]);
      expect((await call("GET", `/schemas/ids/${first.id}/versions?deleted=true`)).body).toEqual([
        { subject: "orders-value", version: 3 },
      ]);
    });
  });
}
