import type { FastifyPluginAsync } from "fastify";
import { AccordFailure, accordError } from "../../contracts/errors.js";
import { flag, parseSubject } from "../params.js";
import type { EffectiveConfig } from "../service.js";
import type { StoredConfig } from "../store/types.js";
import { query, subjectParams } from "./shapes.js";

interface ConfigUpdate {
  compatibility?: string;
  /** What GET returns; some clients send it back on PUT. */
  compatibilityLevel?: string;
  normalize?: boolean;
}

const configUpdate = {
  type: "object",
  additionalProperties: false,
  minProperties: 1,
  properties: {
    compatibility: { type: "string" },
    compatibilityLevel: { type: "string" },
    normalize: { type: "boolean" },
  },
} as const;

const configResponse = {
  type: "object",
  properties: { compatibilityLevel: { type: "string" }, normalize: { type: "boolean" } },
} as const;

const updateResponse = {
  type: "object",
  properties: { compatibility: { type: "string" }, normalize: { type: "boolean" } },
} as const;

/** The `/config` resource: compatibility level (and normalize) globally and per subject. */
export const configRoutes: FastifyPluginAsync = async (app) => {
  function toUpdate(body: ConfigUpdate): StoredConfig {
    const level = body.compatibility ?? body.compatibilityLevel;
    return {
      ...(level === undefined ? {} : { compatibility: app.registry.compatibilityLevel(level) }),
      ...(body.normalize === undefined ? {} : { normalize: body.normalize }),
    };
  }

  app.get("/config", { schema: { response: { 200: configResponse } } }, async () =>
    configBody(await app.registry.effectiveConfig(null), await app.store.getConfig(null)),
  );

  app.put<{ Body: ConfigUpdate }>(
    "/config",
    { schema: { body: configUpdate, response: { 200: updateResponse } } },
    async (request) => {
      const update = toUpdate(request.body);
      await app.registry.updateConfig(null, update);
      return update;
    },
  );

  app.delete("/config", { schema: { response: { 200: configResponse } } }, async () => {
    const before = await app.registry.effectiveConfig(null);
    const removed = await app.store.deleteConfig(null);
    return configBody(before, removed);
  });

  app.get<{ Params: { subject: string }; Querystring: { defaultToGlobal?: string } }>(
    "/config/:subject",
    {
      schema: {
        params: subjectParams,
        querystring: query("defaultToGlobal"),
        response: { 200: configResponse },
      },
    },
    async (request) => {
      const subject = parseSubject(request.params.subject);
      const own = await app.store.getConfig(subject);
      if (!own && !flag(request.query.defaultToGlobal)) {
        throw new AccordFailure(accordError("ACCORD_ERR_REGISTRY_SUBJECT_CONFIG_NOT_FOUND", [subject]));
      }
      return configBody(await app.registry.effectiveConfig(subject), own);
    },
  );

  app.put<{ Params: { subject: string }; Body: ConfigUpdate }>(
    "/config/:subject",
    { schema: { params: subjectParams, body: configUpdate, response: { 200: updateResponse } } },
    async (request) => {
      const subject = parseSubject(request.params.subject);
      const update = toUpdate(request.body);
      await app.registry.updateConfig(subject, update);
      return update;
    },
  );

  app.delete<{ Params: { subject: string } }>(
    "/config/:subject",
    { schema: { params: subjectParams, response: { 200: configResponse } } },
    async (request) => {
      const subject = parseSubject(request.params.subject);
      const before = await app.registry.effectiveConfig(subject);
      const removed = await app.store.deleteConfig(subject);
      if (!removed) throw new AccordFailure(accordError("ACCORD_ERR_REGISTRY_SUBJECT_NOT_FOUND", [subject]));
      return configBody(before, removed);
    },
  );
};

/** The level always shows (clients read `compatibilityLevel` unguarded); `normalize` only when set. */
function configBody(effective: EffectiveConfig, stored: StoredConfig | undefined) {
  return {
    compatibilityLevel: stored?.compatibility ?? effective.compatibility,
    ...(stored?.normalize === undefined ? {} : { normalize: stored.normalize }),
  };
}
