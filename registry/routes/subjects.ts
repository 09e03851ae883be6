import type { FastifyPluginAsync } from "fastify";
import { AccordFailure, accordError } from "../../contracts/errors.js";
import { subjectPrefixFilter } from "../contexts.js";
import { flag, optionalFlag, parseSubject, parseVersion } from "../params.js";
import type { SchemaRequestBody } from "../schema-input.js";
import { schemaBody, subjectVersionBody } from "./present.js";
import { query, subjectParams, subjectVersionParams } from "./shapes.js";

interface SubjectParams {
  subject: string;
}
interface VersionParams extends SubjectParams {
  version: string;
}
type Flags<K extends string> = Partial<Record<K, string>>;

/** `key` and `value` repeat, pairwise: `?key=a&value=1&key=b&value=2`. */
interface MetadataQuery {
  key?: string | string[];
  value?: string | string[];
  deleted?: string;
  format?: string;
}

const repeated = { anyOf: [{ type: "string" }, { type: "array", items: { type: "string" } }] } as const;
const metadataQuery = {
  type: "object",
  properties: { key: repeated, value: repeated, deleted: { type: "string" }, format: { type: "string" } },
} as const;

function metadataPairs(query: MetadataQuery): Map<string, string> {
  const keys = query.key === undefined ? [] : [query.key].flat();
  const values = query.value === undefined ? [] : [query.value].flat();
  if (keys.length !== values.length) {
    throw new AccordFailure(
      accordError("ACCORD_ERR_REGISTRY_BAD_REQUEST", [
        `Metadata lookup needs one value per key: got ${keys.length} key(s) and ${values.length} value(s).`,
      ]),
    );
  }
  return new Map(keys.map((key, index) => [key, values[index] as string]));
}

/** The `/subjects` resource: listing, registration, lookup, versions and deletes. */
export const subjectsRoutes: FastifyPluginAsync = async (app) => {
  app.get<{ Querystring: Flags<"deleted" | "deletedOnly" | "subjectPrefix"> }>(
    "/subjects",
    { schema: { querystring: query("deleted", "deletedOnly", "subjectPrefix") } },
    async (request) => {
      const { deleted, deletedOnly, subjectPrefix } = request.query;
      // Confluent's default prefix `:*:` means every context; see contexts.ts for the others.
      const filter = subjectPrefixFilter(subjectPrefix);
      const options = filter.storePrefix === undefined ? {} : { prefix: filter.storePrefix };
      if (flag(deletedOnly)) {
        const live = new Set(await app.store.listSubjects({ deleted: false, ...options }));
        return (await app.store.listSubjects({ deleted: true, ...options })).filter(
          (subject) => !live.has(subject) && filter.matches(subject),
        );
      }
      return (await app.store.listSubjects({ deleted: flag(deleted), ...options })).filter(filter.matches);
    },
  );

  app.get<{ Params: SubjectParams; Querystring: Flags<"deleted" | "deletedOnly" | "deletedAsNegative"> }>(
    "/subjects/:subject/versions",
    { schema: { params: subjectParams, querystring: query("deleted", "deletedOnly", "deletedAsNegative") } },
    async (request) => {
      const subject = parseSubject(request.params.subject);
      const rows = await app.store.subjectVersions(subject);
      const deletedOnly = flag(request.query.deletedOnly);
      const deleted = flag(request.query.deleted);
      const shown = rows.filter((row) => (deletedOnly ? row.deleted : deleted || !row.deleted));
      if (shown.length === 0 && !(deletedOnly && rows.length > 0)) {
        throw new AccordFailure(accordError("ACCORD_ERR_REGISTRY_SUBJECT_NOT_FOUND", [subject]));
      }
      // deletedAsNegative: soft-deleted versions listed as -version, so they can be told apart.
      const negative = flag(request.query.deletedAsNegative);
      return shown.map((row) => (negative && row.deleted ? -row.version : row.version));
    },
  );

  app.post<{ Params: SubjectParams; Querystring: Flags<"normalize">; Body: SchemaRequestBody }>(
    "/subjects/:subject/versions",
    {
      schema: {
        params: subjectParams,
        querystring: query("normalize", "format", "force"),
        body: { $ref: "SchemaRequest#" },
        response: { 200: { $ref: "RegisterResponse#" } },
      },
    },
    async (request) => {
      const subject = parseSubject(request.params.subject);
      const registered = await app.registry.register(
        subject,
        request.body,
        optionalFlag(request.query.normalize),
      );
      return { id: registered.id, version: registered.version, ...schemaBody(registered.schema) };
    },
  );

  app.post<{ Params: SubjectParams; Querystring: Flags<"normalize" | "deleted">; Body: SchemaRequestBody }>(
    "/subjects/:subject",
    {
      schema: {
        params: subjectParams,
        querystring: query("normalize", "deleted", "format"),
        body: { $ref: "SchemaRequest#" },
        response: { 200: { $ref: "SubjectVersion#" } },
      },
    },
    async (request) => {
      const subject = parseSubject(request.params.subject);
      const row = await app.registry.lookupUsingContexts(subject, request.body, {
        normalize: optionalFlag(request.query.normalize),
        deleted: flag(request.query.deleted),
      });
      return subjectVersionBody(row);
    },
  );

  app.get<{ Params: VersionParams; Querystring: Flags<"deleted"> }>(
    "/subjects/:subject/versions/:version",
    {
      schema: {
        params: subjectVersionParams,
        querystring: query("deleted", "format", "referenceFormat", "findTags"),
        response: { 200: { $ref: "SubjectVersion#" } },
      },
    },
    async (request) => {
      const subject = parseSubject(request.params.subject);
      const version = parseVersion(request.params.version);
      return subjectVersionBody(
        await app.registry.resolveVersionUsingContexts(subject, version, flag(request.query.deleted)),
      );
    },
  );

  app.get<{ Params: SubjectParams; Querystring: MetadataQuery }>(
    "/subjects/:subject/metadata",
    {
      schema: {
        params: subjectParams,
        querystring: metadataQuery,
        response: { 200: { $ref: "SubjectVersion#" } },
      },
    },
    async (request) => {
      const subject = parseSubject(request.params.subject);
      const wanted = metadataPairs(request.query);
      return subjectVersionBody(
        await app.registry.latestWithMetadata(subject, wanted, flag(request.query.deleted)),
      );
    },
  );

  app.get<{ Params: VersionParams; Querystring: Flags<"deleted"> }>(
    "/subjects/:subject/versions/:version/schema",
    { schema: { params: subjectVersionParams, querystring: query("deleted", "format") } },
    async (request, reply) => {
      const subject = parseSubject(request.params.subject);
      const version = parseVersion(request.params.version);
      const row = await app.registry.resolveVersionUsingContexts(
        subject,
        version,
        flag(request.query.deleted),
      );
      // The schema text itself, already JSON: sent as is, not as a JSON string.
      return reply.send(row.schema.schema);
    },
  );

  app.get<{ Params: VersionParams; Querystring: Flags<"deleted"> }>(
    "/subjects/:subject/versions/:version/referencedby",
    { schema: { params: subjectVersionParams, querystring: query("deleted", "offset", "limit") } },
    async (request) => {
      const subject = parseSubject(request.params.subject);
      const version = parseVersion(request.params.version);
      // A soft-deleted version can still be referenced, so it is found either way.
      const row = await app.registry.resolveVersion(subject, version, true);
      return app.store.referencedBy(subject, row.version, { deleted: flag(request.query.deleted) });
    },
  );

  app.delete<{ Params: SubjectParams; Querystring: Flags<"permanent"> }>(
    "/subjects/:subject",
    { schema: { params: subjectParams, querystring: query("permanent") } },
    async (request) => {
      const subject = parseSubject(request.params.subject);
      return app.registry.deleteSubject(subject, flag(request.query.permanent));
    },
  );

  app.delete<{ Params: VersionParams; Querystring: Flags<"permanent"> }>(
    "/subjects/:subject/versions/:version",
    { schema: { params: subjectVersionParams, querystring: query("permanent") } },
    async (request) => {
      const subject = parseSubject(request.params.subject);
      const version = parseVersion(request.params.version);
      return app.registry.deleteVersion(subject, version, flag(request.query.permanent));
    },
  );
};
