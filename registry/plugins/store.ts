import fp from "fastify-plugin";
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
 * Makes the store and the service available to every route. Routes never import a store
 * implementation, so swapping SQLite for PostgreSQL touches only `accord serve`.
 */
export const storePlugin = fp<{ store: RegistryStore }>(
  async (app, options) => {
    app.decorate("store", options.store);
    app.decorate("registry", new RegistryService(options.store));
  },
  { name: "accord-store" },
);
