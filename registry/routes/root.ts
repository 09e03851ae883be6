import type { FastifyPluginAsync } from "fastify";

/** `GET /`: Confluent's liveness no-op, which load balancers and clients probe. */
export const rootRoutes: FastifyPluginAsync = async (app) => {
  app.get("/", { schema: { response: { 200: { type: "object", properties: {} } } } }, async () => ({}));
};
