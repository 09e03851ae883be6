import type { FastifyPluginAsync } from "fastify";
import { AccordFailure, accordError } from "../../contracts/errors.js";
import { subjectPrefixFilter } from "../contexts.js";
import { fingerprintPrefix } from "../guid.js";
import { flag, parseSchemaId } from "../params.js";
import type { StoredSchema } from "../store/types.js";
import { schemaBody, subjectVersionBody } from "./present.js";
import { query } from "./shapes.js";

interface IdParams {
  id: string;
}
type Flags<K extends string> = Partial<Record<K, string>>;
/** `subject` picks the context an id is read in (see contexts.ts); the default context without it. */
type IdQuery<K extends string> = Flags<K | "subject">;

const idParams = { type: "object", required: ["id"], properties: { id: { type: "string" } } } as const;
const guidParams = { type: "object", required: ["guid"], properties: { guid: { type: "string" } } } as const;

/** The `/schemas` resource: schemas by their id in a context, and the types this registry stores. */
export const schemasRoutes: FastifyPluginAsync = async (app) => {
  async function schemaOr404(raw: string, subject: string | undefined): Promise<StoredSchema> {
    const id = parseSchemaId(raw);
    const schema = await app.registry.schemaForId(id, subject);
    if (!schema) throw notFound(id);
    return schema;
  }

  app.get("/schemas/types", async () => ["JSON"]);

  // Every subject version (or each subject's latest) as the by-version body; paged by the limits plugin.
  app.get<{ Querystring: Flags<"subjectPrefix" | "deleted" | "latestOnly"> }>(
    "/schemas",
    {
      schema: {
        querystring: query(
          "subjectPrefix",
          "deleted",
          "latestOnly",
          "offset",
          "limit",
          "aliases",
          "ruleType",
        ),
        response: { 200: { type: "array", items: { $ref: "SubjectVersion#" } } },
      },
    },
    async (request) => {
      const deleted = flag(request.query.deleted);
      const filter = subjectPrefixFilter(request.query.subjectPrefix);
      const scope = filter.storePrefix === undefined ? {} : { prefix: filter.storePrefix };
      const bodies = [];
      const subjects = (await app.store.listSubjects({ deleted, ...scope })).filter(filter.matches);
      for (const subject of subjects) {
        const rows = (await app.store.subjectVersions(subject)).filter((row) => deleted || !row.deleted);
        for (const row of flag(request.query.latestOnly) ? rows.slice(-1) : rows) {
          bodies.push(subjectVersionBody(row));
        }
      }
      return bodies;
    },
  );

  // `subject` picks the context; `format` and friends are accepted and ignored. The body comes
  // pre-serialised from the service's cache, so it is sent as text (no response schema).
  app.get<{ Params: IdParams; Querystring: IdQuery<"fetchMaxId"> }>(
    "/schemas/ids/:id",
    { schema: { params: idParams } },
    async (request, reply) => {
      const id = parseSchemaId(request.params.id);
      const { subject } = request.query;
      if (flag(request.query.fetchMaxId)) {
        // The highest id changes with every new schema, so this answer is not cached.
        const schema = await schemaOr404(request.params.id, subject);
        const maxId = await app.store.maxSchemaId(schema.context);
        return reply.send(JSON.stringify({ ...schemaBody(schema), maxId }));
      }
      const body = await app.registry.schemaByIdBody(id, subject, (schema) =>
        JSON.stringify(schemaBody(schema)),
      );
      if (body === undefined) throw notFound(id);
      return reply.send(body);
    },
  );

  /** One schema has one GUID, in whichever contexts it is registered: one entry per context. */
  async function schemasByGuidOr404(guid: string): Promise<[StoredSchema, ...StoredSchema[]]> {
    const prefix = fingerprintPrefix(guid);
    const schemas = prefix === undefined ? [] : await app.store.schemasByFingerprintPrefix(prefix);
    const [first, ...rest] = schemas;
    if (!first) {
      throw new AccordFailure(
        accordError("ACCORD_ERR_REGISTRY_SCHEMA_NOT_FOUND", [`Schema ${JSON.stringify(guid)} not found.`]),
      );
    }
    return [first, ...rest];
  }

  // V1 wire frames name the schema by GUID; the answer is the by-id body.
  app.get<{ Params: { guid: string } }>(
    "/schemas/guids/:guid",
    { schema: { params: guidParams, querystring: query("format") } },
    async (request) => schemaBody((await schemasByGuidOr404(request.params.guid))[0]),
  );

  app.get<{ Params: { guid: string } }>(
    "/schemas/guids/:guid/ids",
    { schema: { params: guidParams } },
    async (request) => {
      const schemas = await schemasByGuidOr404(request.params.guid);
      return schemas.map((schema) => ({ context: schema.context, id: schema.id }));
    },
  );

  app.get<{ Params: IdParams; Querystring: IdQuery<never> }>(
    "/schemas/ids/:id/schema",
    { schema: { params: idParams } },
    async (request, reply) =>
      reply.send((await schemaOr404(request.params.id, request.query.subject)).schema),
  );

  app.get<{ Params: IdParams; Querystring: IdQuery<"deleted"> }>(
    "/schemas/ids/:id/subjects",
    { schema: { params: idParams, querystring: query("deleted", "subject", "offset", "limit") } },
    async (request) => {
      const schema = await schemaOr404(request.params.id, request.query.subject);
      const usages = await app.store.usagesOfSchema(schema.id, schema.context, {
        deleted: flag(request.query.deleted),
      });
      return [...new Set(usages.map((usage) => usage.subject))];
    },
  );

  app.get<{ Params: IdParams; Querystring: IdQuery<"deleted"> }>(
    "/schemas/ids/:id/versions",
    { schema: { params: idParams, querystring: query("deleted", "subject", "offset", "limit") } },
    async (request) => {
      const schema = await schemaOr404(request.params.id, request.query.subject);
      const usages = await app.store.usagesOfSchema(schema.id, schema.context, {
        deleted: flag(request.query.deleted),
      });
      return usages.map((usage) => ({ subject: usage.subject, version: usage.version }));
    },
  );
};

function notFound(id: number): AccordFailure {
  return new AccordFailure(accordError("ACCORD_ERR_REGISTRY_SCHEMA_NOT_FOUND", [`Schema ${id} not found.`]));
}
