import type { FastifyPluginAsync } from "fastify";
import { accordVersion, REGISTRY_CLUSTER_ID } from "../server-info.js";
import { query } from "./shapes.js";

/**
 * `GET /`: Confluent's liveness no-op, which load balancers and clients probe; the contexts that
 * hold schemas; and the server metadata Confluent tools read.
 */
export const rootRoutes: FastifyPluginAsync = async (app) => {
  app.get("/", { schema: { response: { 200: { type: "object", properties: {} } } } }, async () => ({}));

  // The default context `.` first, then every context a subject was ever registered in; paged by
  // the limits plugin. `contextPrefix` keeps the names starting with it (`.e` or `:.e`).
  app.get<{ Querystring: { contextPrefix?: string } }>(
    "/contexts",
    {
      schema: {
        querystring: query("contextPrefix", "offset", "limit"),
        response: { 200: { type: "array", items: { type: "string" } } },
      },
    },
    async (request) => {
      const prefix = (request.query.contextPrefix ?? "").replace(/^:/, "");
      return (await app.store.listContexts()).filter((context) => context.startsWith(prefix));
    },
  );

  // Confluent's shape: the registry's cluster ids under `scope`, its empty `id` left out.
  app.get("/v1/metadata/id", async () => ({
    scope: { path: [], clusters: { "kafka-cluster": "", "schema-registry-cluster": REGISTRY_CLUSTER_ID } },
  }));

  // `commitId` is left out, as Confluent leaves out empty fields: a package carries no commit.
  app.get("/v1/metadata/version", async () => ({ version: accordVersion() }));
};
