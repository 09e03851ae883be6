import fp from "fastify-plugin";
import { AccordFailure, accordError } from "../../contracts/errors.js";
import type { RegistryStore } from "../store/types.js";

/** A store that has not answered by then counts as down. */
const PROBE_TIMEOUT_MS = 2000;

export interface Readiness {
  /** Set when shutdown begins, so load balancers stop routing here before the listener closes. */
  draining: boolean;
}

/**
 * GET /readyz: 200 when the store answers a real query within the timeout, 503 (Confluent-shaped
 * body) when it does not or the instance is draining. GET / stays the liveness probe.
 */
export const readinessPlugin = fp<{ store: RegistryStore; readiness: Readiness }>(
  async (app, options) => {
    // While draining, every answer closes its connection: a keep-alive socket left idle would
    // hold the listener open, and the client should reconnect to another instance anyway.
    app.addHook("onSend", async (_request, reply, payload) => {
      if (options.readiness.draining) reply.header("connection", "close");
      return payload;
    });
    app.get("/readyz", async () => {
      if (options.readiness.draining) throw notReady("the server is shutting down");
      let timer: NodeJS.Timeout | undefined;
      try {
        await Promise.race([
          options.store.getMode(null),
          new Promise((_, reject) => {
            timer = setTimeout(
              () => reject(new Error(`no answer within ${PROBE_TIMEOUT_MS} ms`)),
              PROBE_TIMEOUT_MS,
            );
          }),
        ]);
      } catch (err) {
        const reason = err instanceof AccordFailure ? err.error.message : (err as Error).message;
        throw notReady(`the store ${options.store.description} is not answering (${reason})`);
      } finally {
        clearTimeout(timer);
      }
      return { status: "ready", store: options.store.description };
    });
  },
  { name: "accord-readiness" },
);

function notReady(reason: string): AccordFailure {
  return new AccordFailure(accordError("ACCORD_ERR_REGISTRY_NOT_READY", [reason]));
}
