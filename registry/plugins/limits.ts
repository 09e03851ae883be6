import fp from "fastify-plugin";
import { AccordFailure, accordError } from "../../contracts/errors.js";
import { MAX_SCHEMA_DEPTH } from "../schema-input.js";

export interface RegistryLimits {
  /** Largest schema text in bytes (UTF-8); 422/42209 beyond. */
  readonly maxSchemaBytes: number;
  /** Deepest nesting of objects and arrays in a schema; 422/42201 beyond. */
  readonly maxSchemaDepth: number;
  /** Most items a list endpoint returns in one response; 422 beyond, unless paged with offset/limit. */
  readonly maxListItems: number;
}

export const DEFAULT_LIMITS: RegistryLimits = {
  maxSchemaBytes: 256 * 1024,
  // The loader's own ceiling; an operator may only lower it.
  maxSchemaDepth: MAX_SCHEMA_DEPTH,
  maxListItems: 10_000,
};

/** Routes that answer with a list, and what the list holds (for the error message). */
const LIST_ROUTES = new Map([
  ["/subjects", "subjects"],
  ["/schemas", "schemas"],
  ["/subjects/:subject/versions", "versions"],
  ["/schemas/ids/:id/subjects", "subjects"],
  ["/schemas/ids/:id/versions", "versions"],
  ["/subjects/:subject/versions/:version/referencedby", "schema ids"],
  ["/contexts", "contexts"],
]);

/**
 * Limits beyond the body size (fastify's bodyLimit): the schema text inside a body, its nesting
 * depth, checked by scanning the text before anything parses it, and list sizes, with Confluent's
 * offset and limit query parameters for paging.
 */
export const limitsPlugin = fp<{ limits: RegistryLimits }>(
  async (app, options) => {
    const { maxSchemaBytes, maxSchemaDepth, maxListItems } = options.limits;

    app.addHook("preValidation", async (request) => {
      const body = request.body as { schema?: unknown } | undefined;
      if (typeof body !== "object" || body === null || typeof body.schema !== "string") return;
      const bytes = Buffer.byteLength(body.schema, "utf8");
      if (bytes > maxSchemaBytes) {
        throw new AccordFailure(accordError("ACCORD_ERR_REGISTRY_SCHEMA_TOO_LARGE", [bytes, maxSchemaBytes]));
      }
      if (nestingExceeds(body.schema, maxSchemaDepth)) {
        throw new AccordFailure(
          accordError("ACCORD_ERR_REGISTRY_SCHEMA_INVALID", [
            `the schema nests deeper than ${maxSchemaDepth} levels`,
          ]),
        );
      }
    });

    app.addHook("preSerialization", async (request, reply, payload: unknown) => {
      const route = request.routeOptions.url;
      const noun = route === undefined ? undefined : LIST_ROUTES.get(route);
      if (noun === undefined || !Array.isArray(payload) || reply.statusCode >= 300) return payload;
      const query = request.query as { offset?: string; limit?: string };
      const offset = pageNumber(query.offset, "offset", 0) ?? 0;
      // Confluent's limit=-1 means "no limit": here it means up to the server's maximum.
      const limit = query.limit === "-1" ? undefined : pageNumber(query.limit, "limit", 1);
      if (limit !== undefined && limit > maxListItems) {
        throw new AccordFailure(
          accordError("ACCORD_ERR_REGISTRY_TOO_MANY_RESULTS", [limit, noun, maxListItems]),
        );
      }
      const rest = payload.length - Math.min(offset, payload.length);
      if (limit === undefined && rest > maxListItems) {
        throw new AccordFailure(
          accordError("ACCORD_ERR_REGISTRY_TOO_MANY_RESULTS", [rest, noun, maxListItems]),
        );
      }
      return payload.slice(offset, limit === undefined ? undefined : offset + limit);
    });
  },
  { name: "accord-limits" },
);

function pageNumber(raw: string | undefined, name: string, minimum: number): number | undefined {
  if (raw === undefined) return minimum === 0 ? 0 : undefined;
  if (!/^[0-9]{1,9}$/.test(raw) || Number(raw) < minimum) {
    throw new AccordFailure(
      accordError("ACCORD_ERR_REGISTRY_BAD_REQUEST", [
        `Query parameter ${name} must be an integer of at least ${minimum}${name === "limit" ? " (or -1)" : ""}.`,
      ]),
    );
  }
  return Number(raw);
}

/**
 * Whether JSON text nests objects and arrays deeper than `limit`, found by counting brackets
 * outside strings, so a hostile schema is refused before JSON.parse builds it.
 */
export function nestingExceeds(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > limit) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}
