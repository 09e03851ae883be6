import Fastify, { type FastifyInstance, LogController } from "fastify";
import { contentTypesPlugin } from "./plugins/content-types.js";
import { errorsPlugin } from "./plugins/errors.js";
import { storePlugin } from "./plugins/store.js";
import { compatibilityRoutes } from "./routes/compatibility.js";
import { configRoutes } from "./routes/config.js";
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
}

export const DEFAULT_BODY_LIMIT = 1024 * 1024;

/**
 * The registry as a fastify app that never listens: tests drive it with `inject`, `accord serve`
 * calls `listen`. Closing the app does not close the store; whoever opened it does.
 */
export function buildApp(options: BuildAppOptions): FastifyInstance {
  const bodyLimit = options.bodyLimit ?? DEFAULT_BODY_LIMIT;
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit,
    // Per-request log lines would dominate the cost of a by-id lookup; errors are still logged.
    logController: new LogController({ disableRequestLogging: true }),
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
  app.register(contentTypesPlugin);
  app.register(storePlugin, { store: options.store });
  app.register(rootRoutes);
  app.register(subjectsRoutes);
  app.register(schemasRoutes);
  app.register(configRoutes);
  app.register(compatibilityRoutes);
  app.register(modeRoutes);
  return app;
}
