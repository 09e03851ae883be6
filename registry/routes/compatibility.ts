import type { FastifyPluginAsync } from "fastify";
import { flag, parseSubject, parseVersion } from "../params.js";
import type { SchemaRequestBody } from "../schema-input.js";
import type { CompatibilityAnswer } from "../service.js";
import { query, subjectParams, subjectVersionParams } from "./shapes.js";

const answer = {
  type: "object",
  properties: { is_compatible: { type: "boolean" }, messages: { type: "array", items: { type: "string" } } },
} as const;

/** The `/compatibility` resource: would this schema pass the subject's level, without registering it. */
export const compatibilityRoutes: FastifyPluginAsync = async (app) => {
  app.post<{
    Params: { subject: string; version: string };
    Querystring: { verbose?: string };
    Body: SchemaRequestBody;
  }>(
    "/compatibility/subjects/:subject/versions/:version",
    {
      schema: {
        params: subjectVersionParams,
        querystring: query("verbose", "normalize"),
        body: { $ref: "SchemaRequest#" },
        response: { 200: answer },
      },
    },
    async (request) => {
      const subject = parseSubject(request.params.subject);
      const version = parseVersion(request.params.version);
      const result = await app.registry.testCompatibility(subject, version, request.body);
      return answerBody(result, flag(request.query.verbose));
    },
  );

  app.post<{ Params: { subject: string }; Querystring: { verbose?: string }; Body: SchemaRequestBody }>(
    "/compatibility/subjects/:subject/versions",
    {
      schema: {
        params: subjectParams,
        querystring: query("verbose", "normalize"),
        body: { $ref: "SchemaRequest#" },
        response: { 200: answer },
      },
    },
    async (request) => {
      const subject = parseSubject(request.params.subject);
      const result = await app.registry.testCompatibility(subject, "all", request.body);
      return answerBody(result, flag(request.query.verbose));
    },
  );
};

function answerBody(result: CompatibilityAnswer, verbose: boolean) {
  return verbose
    ? { is_compatible: result.isCompatible, messages: [...result.messages] }
    : { is_compatible: result.isCompatible };
}
