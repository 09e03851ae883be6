import type { FastifyPluginAsync } from "fastify";
import { AccordFailure, accordError } from "../../contracts/errors.js";
import { flag, parseScope } from "../params.js";
import type { EffectiveConfig } from "../service.js";
import type { StoredConfig } from "../store/types.js";
import { query, subjectParams } from "./shapes.js";

type ConfigUpdate = Omit<StoredConfig, "compatibility"> & {
  compatibility?: string;
  /** What GET returns; some clients send it back on PUT. */
  compatibilityLevel?: string;
};

/** The fields besides the level that a scope stores, the same in requests and responses. */
const settings = {
  normalize: { type: "boolean" },
  compatibilityGroup: { type: "string", minLength: 1, maxLength: 1024 },
  defaultMetadata: { $ref: "Metadata#" },
  overrideMetadata: { $ref: "Metadata#" },
  defaultRuleSet: { $ref: "RuleSet#" },
  overrideRuleSet: { $ref: "RuleSet#" },
  compatibilityPolicy: { type: "string", maxLength: 64 },
  validateFields: { type: "boolean" },
  alias: { type: "string", minLength: 1, maxLength: 1024 },
} as const;

const configUpdate = {
  type: "object",
  additionalProperties: false,
  minProperties: 1,
  properties: { compatibility: { type: "string" }, compatibilityLevel: { type: "string" }, ...settings },
} as const;

const configResponse = {
  type: "object",
  properties: { compatibilityLevel: { type: "string" }, ...settings },
} as const;

const updateResponse = {
  type: "object",
  properties: { compatibility: { type: "string" }, ...settings },
} as const;

/** The `/config` resource: compatibility level (and normalize) globally and per subject. */
export const configRoutes: FastifyPluginAsync = async (app) => {
  function toUpdate(body: ConfigUpdate): StoredConfig {
    const { compatibility, compatibilityLevel, ...rest } = body;
    const level = compatibility ?? compatibilityLevel;
    return {
      ...rest,
      ...(level === undefined ? {} : { compatibility: app.registry.compatibilityLevel(level) }),
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
      const subject = parseScope(request.params.subject);
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
      const subject = parseScope(request.params.subject);
      const update = toUpdate(request.body);
      await app.registry.updateConfig(subject, update);
      return update;
    },
  );

  app.delete<{ Params: { subject: string } }>(
    "/config/:subject",
    { schema: { params: subjectParams, response: { 200: configResponse } } },
    async (request) => {
      const subject = parseScope(request.params.subject);
      const before = await app.registry.effectiveConfig(subject);
      const removed = await app.store.deleteConfig(subject);
      if (!removed) throw new AccordFailure(accordError("ACCORD_ERR_REGISTRY_SUBJECT_NOT_FOUND", [subject]));
      return configBody(before, removed);
    },
  );
};

/** The level always shows (clients read `compatibilityLevel` unguarded); other fields only when set. */
function configBody(effective: EffectiveConfig, stored: StoredConfig | undefined) {
  const { compatibility, ...rest } = stored ?? {};
  return { ...rest, compatibilityLevel: compatibility ?? effective.compatibility };
}
