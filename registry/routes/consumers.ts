import type { FastifyPluginAsync } from "fastify";
import type { CatalogVersion } from "../../contracts/catalog/types.js";
import { consumerReader } from "../../contracts/consumers/reader.js";
import { AccordFailure, accordError } from "../../contracts/errors.js";
import { loadSchemaValue } from "../../contracts/schema/load.js";
import { DEFAULT_DRAFT, type Json } from "../../contracts/schema/types.js";
import { canRead } from "../auth/access.js";
import { parseSubject } from "../params.js";
import type { StoredConsumer } from "../store/types.js";
import { subjectParams } from "./shapes.js";

/**
 * Accord's own resource beside Confluent's API: consumer declarations, what each consuming
 * service reads of a subject (`accord consumer publish` sends them; `accord check --registry`
 * gates the producer's catalog on them). Access is scoped like the subject's: reading needs
 * `read` on the subject, declaring needs `write` (see auth/access.ts).
 *
 *   GET /accord/v1/consumers                                   every declaration the caller may read
 *   GET /accord/v1/subjects/{subject}/consumers                one subject's
 *   PUT /accord/v1/subjects/{subject}/consumers/{consumer}     {reads, version?} → {…, status}
 *
 * A declaration is checked as a catalog's is: the subject and the pinned version (default: the
 * latest) must exist, and every read path must be one that version declares (422, 42212).
 */

const CONSUMER_NAME = "^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$";

const declaration = {
  type: "object",
  additionalProperties: false,
  required: ["reads"],
  properties: {
    reads: {
      type: "array",
      minItems: 1,
      maxItems: 1000,
      uniqueItems: true,
      items: { type: "string", maxLength: 4096 },
    },
    version: { type: "integer", minimum: 1, maximum: 2 ** 31 - 1 },
  },
} as const;

const stored = {
  type: "object",
  properties: {
    subject: { type: "string" },
    consumer: { type: "string" },
    reads: { type: "array", items: { type: "string" } },
    version: { type: "integer" },
  },
} as const;

const putResponse = {
  type: "object",
  properties: { ...stored.properties, status: { enum: ["created", "updated", "unchanged"] } },
} as const;

export const consumersRoutes: FastifyPluginAsync = async (app) => {
  app.get(
    "/accord/v1/consumers",
    { schema: { response: { 200: { type: "array", items: stored } } } },
    async (request) => {
      const all = await app.store.listConsumers();
      const user = request.principal;
      return user ? all.filter((consumer) => canRead(user, consumer.subject)) : all;
    },
  );

  app.get<{ Params: { subject: string } }>(
    "/accord/v1/subjects/:subject/consumers",
    { schema: { params: subjectParams, response: { 200: { type: "array", items: stored } } } },
    async (request) => app.store.listConsumers(parseSubject(request.params.subject)),
  );

  app.put<{ Params: { subject: string; consumer: string }; Body: { reads: string[]; version?: number } }>(
    "/accord/v1/subjects/:subject/consumers/:consumer",
    {
      schema: {
        params: {
          type: "object",
          required: ["subject", "consumer"],
          properties: { subject: { type: "string" }, consumer: { type: "string", pattern: CONSUMER_NAME } },
        },
        body: declaration,
        response: { 200: putResponse },
      },
    },
    async (request) => {
      const subject = parseSubject(request.params.subject);
      const { consumer } = request.params;
      const pinned = await pinnedVersion(subject, request.body.version);
      const reader = consumerReader({
        subject,
        entry: { name: consumer, reads: request.body.reads, index: 0 },
        pinned,
        site: { file: "request body", pointer: "#" },
      });
      if (!reader.ok) throw new AccordFailure(reader.error);
      const declared: StoredConsumer = {
        subject,
        consumer,
        reads: request.body.reads,
        version: pinned.version,
      };
      const status = await app.store.putConsumer(declared);
      return { ...declared, status };
    },
  );

  /** The live version a declaration pins (its `version`, else the latest), loaded for the path checks. */
  async function pinnedVersion(subject: string, version: number | undefined): Promise<CatalogVersion> {
    const live = (await app.store.subjectVersions(subject)).filter((candidate) => !candidate.deleted);
    if (live.length === 0)
      throw new AccordFailure(accordError("ACCORD_ERR_REGISTRY_SUBJECT_NOT_FOUND", [subject]));
    const chosen = version === undefined ? live[live.length - 1] : live.find((v) => v.version === version);
    if (!chosen)
      throw new AccordFailure(accordError("ACCORD_ERR_REGISTRY_VERSION_NOT_FOUND", [version, subject]));
    const label = `${subject} v${chosen.version}`;
    const document = loadSchemaValue(JSON.parse(chosen.schema.schema) as Json, label, {
      defaultDraft: DEFAULT_DRAFT,
      compile: false,
    });
    if (!document.ok) {
      throw new AccordFailure(
        accordError("ACCORD_ERR_CATALOG_CONSUMER_INVALID", [
          label,
          `cannot judge read paths against it: ${document.error.message}`,
        ]),
      );
    }
    return { version: chosen.version, file: label, text: chosen.schema.schema, document: document.value };
  }
};
