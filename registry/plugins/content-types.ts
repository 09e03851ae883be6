import fp from "fastify-plugin";

/** What Confluent clients send; Confluent answers with the first. */
export const SCHEMA_REGISTRY_CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

const JSON_BODY_TYPES = [
  SCHEMA_REGISTRY_CONTENT_TYPE,
  "application/vnd.schemaregistry+json",
  "application/json",
  // Confluent accepts it too (some HTTP tools default to it); the body must still be JSON.
  "application/octet-stream",
];

/** Methods whose requests carry a body; the others may still send a Content-Type header. */
const BODY_METHODS = new Set(["POST", "PUT", "PATCH"]);

/**
 * Parses the Schema Registry media types with fastify's own JSON parser (which refuses
 * `__proto__` and `constructor` keys), answers in Confluent's media type, and drops the
 * text/plain parser so a non-JSON body gets 415 instead of reaching a route as a string.
 */
export const contentTypesPlugin = fp(
  async (app) => {
    const parseJson = app.getDefaultJsonParser("error", "error");
    app.removeContentTypeParser(["application/json", "text/plain"]);
    app.addContentTypeParser(JSON_BODY_TYPES, { parseAs: "string" }, (request, body, done) => {
      // Confluent clients send their Content-Type on every call, DELETE included, with no body.
      if (body === "" && !BODY_METHODS.has(request.method)) {
        done(null, undefined);
        return;
      }
      // parseAs: "string" always hands over a string; the type allows a Buffer for other modes.
      parseJson(request, body as string, done);
    });
    app.addHook("onRequest", (_request, reply, done) => {
      reply.header("content-type", SCHEMA_REGISTRY_CONTENT_TYPE);
      done();
    });
  },
  { name: "accord-content-types" },
);
