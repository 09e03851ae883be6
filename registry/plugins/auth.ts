import type { FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import { AccordFailure, accordError } from "../../contracts/errors.js";
import { allows, canRead, requiredAccess } from "../auth/access.js";
import { Authenticator } from "../auth/authenticate.js";
import type { AuthConfig, AuthUser } from "../auth/config.js";

declare module "fastify" {
  interface FastifyRequest {
    /** The authenticated user, when auth is on. */
    principal?: AuthUser;
  }
}

const CHALLENGE = 'Basic realm="accord", charset="UTF-8", Bearer realm="accord"';

/**
 * Auth, off unless `accord serve --auth` names a users file. Runs in onRequest, before the body is
 * read, so an unauthenticated client cannot make the server parse anything. Lists of subjects are
 * cut down to what the caller may read.
 */
export const authPlugin = fp<{ config: AuthConfig }>(
  async (app, options) => {
    const authenticator = new Authenticator(options.config);
    app.decorateRequest("principal", undefined);

    app.addHook("onRequest", async (request, reply) => {
      const access = requiredAccess(
        request.method,
        request.routeOptions.url,
        request.params as Record<string, string | undefined>,
        request.query as Record<string, unknown>,
      );
      if (access === "public") return;
      const result = await authenticator.authenticate(request.headers.authorization, request.ip);
      if (!result.ok) {
        reply.header("www-authenticate", CHALLENGE);
        throw new AccordFailure(accordError("ACCORD_ERR_REGISTRY_UNAUTHORIZED", [result.reason]));
      }
      request.principal = result.user;
      if (!allows(result.user, access)) {
        const scope =
          access.subject === null ? "the whole registry" : `subject ${JSON.stringify(access.subject)}`;
        throw new AccordFailure(
          accordError("ACCORD_ERR_REGISTRY_FORBIDDEN", [
            `user ${JSON.stringify(result.user.name)} has no ${access.role} role on ${scope}.`,
          ]),
        );
      }
    });

    app.addHook("preSerialization", async (request: FastifyRequest, _reply, payload: unknown) => {
      const user = request.principal;
      if (!user || !Array.isArray(payload) || request.method !== "GET") return payload;
      const route = request.routeOptions.url;
      if (route === "/subjects" || route === "/schemas/ids/:id/subjects") {
        return payload.filter((subject) => typeof subject === "string" && canRead(user, subject));
      }
      if (route === "/schemas/ids/:id/versions") {
        return payload.filter(
          (usage: { subject?: unknown }) => typeof usage.subject === "string" && canRead(user, usage.subject),
        );
      }
      return payload;
    });
  },
  { name: "accord-auth" },
);
