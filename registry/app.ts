import Fastify, { type FastifyInstance, type FastifyReply, LogController } from "fastify";
import type { AuthConfig } from "./auth/config.js";
import { type CheckPoolOptions, DEFAULT_CHECK_BUDGET_MS, defaultCheckWorkers } from "./checks/pool.js";
import { authPlugin } from "./plugins/auth.js";
import { contentTypesPlugin, SCHEMA_REGISTRY_CONTENT_TYPE } from "./plugins/content-types.js";
import { clientErrorResponse, errorsPlugin, toHttpError } from "./plugins/errors.js";
import { DEFAULT_LIMITS, limitsPlugin, type RegistryLimits } from "./plugins/limits.js";
import { LOG_REDACT, loggingPlugin, requestId } from "./plugins/logging.js";
import { metricsPlugin, RegistryMetrics } from "./plugins/metrics.js";
import { type Readiness, readinessPlugin } from "./plugins/readiness.js";
import { storePlugin } from "./plugins/store.js";
import { compatibilityRoutes } from "./routes/compatibility.js";
import { configRoutes } from "./routes/config.js";
import { consumersRoutes } from "./routes/consumers.js";
import { modeRoutes } from "./routes/mode.js";
import { rootRoutes } from "./routes/root.js";
import { schemasRoutes } from "./routes/schemas.js";
import { SHARED_SCHEMAS } from "./routes/shapes.js";
import { subjectsRoutes } from "./routes/subjects.js";
import type { RegistryStore } from "./store/types.js";

export interface BuildAppOptions {
  readonly store: RegistryStore;
  /** Largest request body in bytes (413 beyond). Default 1 MiB, which is also Kafka's default message size. */
  readonly bodyLimit?: number;
  /** false (default) for none, true for pino at info, or pino options. */
  readonly logger?: boolean | object;
  /** Users, secrets (hashed) and roles from `accord serve --auth`; absent means no auth. */
  readonly auth?: AuthConfig;
  /** Schema size and depth, list sizes; defaults in DEFAULT_LIMITS. */
  readonly limits?: Partial<RegistryLimits>;
  /** Counters behind GET /metrics; pass one to read them from outside. */
  readonly metrics?: RegistryMetrics;
  /** Flipped to draining on shutdown so GET /readyz answers 503 first. */
  readonly readiness?: Readiness;
  /** Threads for validation, compiles and comparisons, and each check's time budget. */
  readonly checks?: Partial<CheckPoolOptions>;
}

export const DEFAULT_BODY_LIMIT = 1024 * 1024;

/**
 * The registry as a fastify app that never listens: tests drive it with `inject`, `accord serve`
 * calls `listen`. Closing the app does not close the store; whoever opened it does.
 */
export function buildApp(options: BuildAppOptions): FastifyInstance {
  const bodyLimit = options.bodyLimit ?? DEFAULT_BODY_LIMIT;
  const app = Fastify({
    logger: withRedaction(options.logger ?? false),
    // Every log line of a request carries its id; clients may pass their own X-Request-Id.
    genReqId: requestId,
    // Errors the router raises before any hook (a malformed percent-encoding in the path) get
    // the Confluent error shape too, not fastify's own body.
    frameworkErrors: (error, _request, reply) => {
      const mapped = toHttpError(error, bodyLimit);
      // The framework types this reply by route generics it does not have yet.
      (reply as unknown as FastifyReply)
        .status(mapped.status)
        .header("content-type", SCHEMA_REGISTRY_CONTENT_TYPE)
        .send(mapped.body);
    },
    // Requests Node's parser refuses (oversized headers: 431) get the Confluent body as well.
    clientErrorHandler: (error, socket) => {
      const response = clientErrorResponse(error, socket.writable);
      if (response === undefined) socket.destroy();
      else socket.end(response);
    },
    bodyLimit,
    // Per-request log lines would dominate the cost of a by-id lookup; errors are still logged.
    // (loggingPlugin writes one line per request instead, at info, which `accord serve` leaves off.)
    logController: new LogController({ disableRequestLogging: true, requestIdLogLabel: "requestId" }),
    // A subject just over 255 characters, percent-encoded (up to 12 bytes per character), must
    // still reach the route to get Confluent's 42208 instead of the router's bare 404.
    routerOptions: { maxParamLength: 4096 },
    ajv: {
      customOptions: {
        // Unknown body fields are an error (Confluent's "Unrecognized field"), never silently dropped,
        // and a number is not quietly turned into a string.
        removeAdditional: false,
        coerceTypes: false,
        useDefaults: false,
      },
    },
  });
  for (const schema of SHARED_SCHEMAS) app.addSchema(schema);
  app.register(errorsPlugin, { bodyLimit });
  app.register(loggingPlugin);
  app.register(metricsPlugin, { metrics: options.metrics ?? new RegistryMetrics() });
  app.register(readinessPlugin, {
    store: options.store,
    readiness: options.readiness ?? { draining: false },
  });
  if (options.auth) app.register(authPlugin, { config: options.auth });
  app.register(limitsPlugin, { limits: { ...DEFAULT_LIMITS, ...options.limits } });
  app.register(contentTypesPlugin);
  app.register(storePlugin, {
    store: options.store,
    checks: {
      workers: options.checks?.workers ?? defaultCheckWorkers(),
      budgetMs: options.checks?.budgetMs ?? DEFAULT_CHECK_BUDGET_MS,
    },
  });
  app.register(rootRoutes);
  app.register(subjectsRoutes);
  app.register(schemasRoutes);
  app.register(configRoutes);
  app.register(compatibilityRoutes);
  app.register(modeRoutes);
  app.register(consumersRoutes);
  return app;
}

/** Credentials never reach the log, whatever the caller's pino options say. */
function withRedaction(logger: boolean | object): boolean | object {
  if (logger === false) return false;
  return { ...(logger === true ? { level: "info" } : logger), redact: LOG_REDACT };
}
