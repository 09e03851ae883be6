import fp from "fastify-plugin";
import { CheckPool, type CheckPoolOptions } from "../checks/pool.js";
import { RegistryService } from "../service.js";
import type { RegistryStore } from "../store/types.js";

declare module "fastify" {
  interface FastifyInstance {
    /** The store, for routes that only read. */
    store: RegistryStore;
    /** Registry behaviour (modes, levels, validation, compatibility) over the store. */
    registry: RegistryService;
  }
}

/**
 * Makes the store and the service available to every route; the service's check workers stop
 * when the app closes. Routes never import a store
 * implementation, so swapping SQLite for PostgreSQL touches only `accord serve`.
 */
export const storePlugin = fp<{ store: RegistryStore; checks: CheckPoolOptions }>(
  async (app, options) => {
    const checks = new CheckPool(options.checks);
    app.decorate("store", options.store);
    app.decorate("registry", new RegistryService(options.store, checks));
    app.addHook("onClose", () => checks.close());
  },
  { name: "accord-store" },
);
