import { randomUUID } from "node:crypto";
import fp from "fastify-plugin";

/** A client's own request id is kept only if it is short and plain: it ends up in log lines. */
const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/** Fastify's genReqId: the caller's X-Request-Id when safe, else a fresh UUID. */
export function requestId(request: { headers: Record<string, string | string[] | undefined> }): string {
  const given = request.headers["x-request-id"];
  return typeof given === "string" && SAFE_REQUEST_ID.test(given) ? given : randomUUID();
}

/** What pino must never print, whatever a serializer or a future log line includes. */
export const LOG_REDACT = {
  paths: [
    "req.headers.authorization",
    "req.headers.cookie",
    "headers.authorization",
    "authorization",
    "password",
    "token",
  ],
  censor: "[redacted]",
};

/**
 * Echoes the request id to the client and logs one structured line per request (at info), with
 * the route pattern, status, duration and user, never credentials or bodies.
 */
export const loggingPlugin = fp(
  async (app) => {
    app.addHook("onRequest", async (request, reply) => {
      reply.header("x-request-id", request.id);
    });
    app.addHook("onResponse", async (request, reply) => {
      // fastify's no-op logger (logging off) has no isLevelEnabled.
      const log = request.log as typeof request.log & { isLevelEnabled?: (level: string) => boolean };
      if (!log.isLevelEnabled?.("info")) return;
      request.log.info(
        {
          method: request.method,
          route: request.routeOptions.url ?? "(unmatched)",
          status: reply.statusCode,
          ms: Math.round(reply.elapsedTime * 100) / 100,
          ...(request.principal ? { user: request.principal.name } : {}),
        },
        "request",
      );
    });
  },
  { name: "accord-logging" },
);
