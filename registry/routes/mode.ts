import type { FastifyPluginAsync } from "fastify";
import { AccordFailure, accordError } from "../../contracts/errors.js";
import { flag, parseScope } from "../params.js";
import { query, subjectParams } from "./shapes.js";

const modeBody = {
  type: "object",
  additionalProperties: false,
  required: ["mode"],
  properties: { mode: { type: "string" } },
} as const;

const modeResponse = { type: "object", properties: { mode: { type: "string" } } } as const;

/** The `/mode` resource: READWRITE, READONLY or IMPORT, globally and per subject. */
export const modeRoutes: FastifyPluginAsync = async (app) => {
  app.get("/mode", { schema: { response: { 200: modeResponse } } }, async () => ({
    mode: await app.registry.effectiveMode(null),
  }));

  app.put<{ Body: { mode: string }; Querystring: { force?: string } }>(
    "/mode",
    { schema: { body: modeBody, querystring: query("force"), response: { 200: modeResponse } } },
    async (request) => ({
      mode: await app.registry.setMode(null, request.body.mode, flag(request.query.force)),
    }),
  );

  app.delete("/mode", { schema: { response: { 200: modeResponse } } }, async () => {
    const before = await app.registry.effectiveMode(null);
    await app.store.deleteMode(null);
    return { mode: before };
  });

  app.get<{ Params: { subject: string }; Querystring: { defaultToGlobal?: string } }>(
    "/mode/:subject",
    {
      schema: {
        params: subjectParams,
        querystring: query("defaultToGlobal"),
        response: { 200: modeResponse },
      },
    },
    async (request) => {
      const subject = parseScope(request.params.subject);
      const own = await app.store.getMode(subject);
      if (own) return { mode: own };
      if (!flag(request.query.defaultToGlobal)) {
        throw new AccordFailure(accordError("ACCORD_ERR_REGISTRY_SUBJECT_MODE_NOT_FOUND", [subject]));
      }
      return { mode: await app.registry.effectiveMode(subject) };
    },
  );

  app.put<{ Params: { subject: string }; Body: { mode: string }; Querystring: { force?: string } }>(
    "/mode/:subject",
    {
      schema: {
        params: subjectParams,
        body: modeBody,
        querystring: query("force"),
        response: { 200: modeResponse },
      },
    },
    async (request) => {
      const subject = parseScope(request.params.subject);
      return { mode: await app.registry.setMode(subject, request.body.mode, flag(request.query.force)) };
    },
  );

  app.delete<{ Params: { subject: string } }>(
    "/mode/:subject",
    { schema: { params: subjectParams, response: { 200: modeResponse } } },
    async (request) => {
      const subject = parseScope(request.params.subject);
      const removed = await app.store.deleteMode(subject);
      if (!removed)
        throw new AccordFailure(accordError("ACCORD_ERR_REGISTRY_SUBJECT_MODE_NOT_FOUND", [subject]));
      return { mode: removed };
    },
  );
};
