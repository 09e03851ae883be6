import { STATUS_CODES } from "node:http";
import type { FastifyError } from "fastify";
import fp from "fastify-plugin";
import { type AccordError, AccordFailure, accordError, ERRORS } from "../../contracts/errors.js";
import { SCHEMA_REGISTRY_CONTENT_TYPE } from "./content-types.js";

/** Confluent's error body. */
export interface RegistryErrorBody {
  readonly error_code: number;
  readonly message: string;
}

export interface HttpError {
  readonly status: number;
  readonly body: RegistryErrorBody;
  /** Unexpected errors are logged with their stack; the client sees only a generic message. */
  readonly unexpected: boolean;
}

/**
 * The one error handler: table errors become their row's status and Confluent code, fastify's
 * parse and validation errors become 4xx rows, anything else a 500 that reveals nothing.
 */
export const errorsPlugin = fp<{ bodyLimit: number }>(
  async (app, options) => {
    app.setErrorHandler((error, request, reply) => {
      const mapped = toHttpError(error, options.bodyLimit, request.headers["content-type"]);
      if (mapped.unexpected) request.log.error({ err: error }, "unexpected error");
      else if (mapped.status >= 500) request.log.error({ err: error }, mapped.body.message);
      return reply.status(mapped.status).send(mapped.body);
    });
    app.setNotFoundHandler((request, reply) => {
      const mapped = fromTable(
        accordError("ACCORD_ERR_REGISTRY_ROUTE_NOT_FOUND", [request.method, pathOf(request.url)]),
      );
      return reply.status(mapped.status).send(mapped.body);
    });
  },
  { name: "accord-errors" },
);

export function toHttpError(error: unknown, bodyLimit: number, contentType?: string): HttpError {
  if (error instanceof AccordFailure) return fromTable(error.error);
  const fastifyError = error as Partial<FastifyError> & { validationContext?: string };
  if (Array.isArray(fastifyError.validation)) {
    return fromTable(accordError("ACCORD_ERR_REGISTRY_BODY_INVALID", [validationMessage(fastifyError)]));
  }
  switch (fastifyError.code) {
    case "FST_ERR_CTP_BODY_TOO_LARGE":
      return fromTable(accordError("ACCORD_ERR_REGISTRY_BODY_TOO_LARGE", [bodyLimit]));
    case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
      return fromTable(
        accordError("ACCORD_ERR_REGISTRY_MEDIA_TYPE", [JSON.stringify(contentType ?? "(none)")]),
      );
    case "FST_ERR_CTP_EMPTY_JSON_BODY":
      return fromTable(
        accordError("ACCORD_ERR_REGISTRY_BAD_REQUEST", ["The request body is empty; send a JSON object."]),
      );
  }
  const status = fastifyError.statusCode;
  if (typeof status === "number" && status >= 400 && status < 500) {
    const reason =
      error instanceof SyntaxError
        ? `The request body is not valid JSON: ${error.message}`
        : (fastifyError.message ?? "Bad request");
    return fromTable(accordError("ACCORD_ERR_REGISTRY_BAD_REQUEST", [reason]));
  }
  return { ...fromTable(accordError("ACCORD_ERR_REGISTRY_INTERNAL", [])), unexpected: true };
}

/**
 * What the server writes straight to the socket for a request Node's HTTP parser refused before
 * any route ran (headers over its limit: 431; anything else malformed: 400), in Confluent's body.
 * Undefined when there is nobody to answer (the client already went away).
 */
export function clientErrorResponse(error: unknown, writable: boolean): string | undefined {
  const code = (error as { code?: unknown }).code;
  if (!writable || code === "ECONNRESET") return undefined;
  const mapped = fromTable(
    code === "HPE_HEADER_OVERFLOW"
      ? accordError("ACCORD_ERR_REGISTRY_HEADERS_TOO_LARGE", ["they exceed the server's limit"])
      : accordError("ACCORD_ERR_REGISTRY_BAD_REQUEST", ["The request is not valid HTTP."]),
  );
  const body = JSON.stringify(mapped.body);
  return [
    `HTTP/1.1 ${mapped.status} ${STATUS_CODES[mapped.status] ?? ""}`,
    `Content-Type: ${SCHEMA_REGISTRY_CONTENT_TYPE}`,
    `Content-Length: ${Buffer.byteLength(body)}`,
    "Connection: close",
    "",
    body,
  ].join("\r\n");
}

function fromTable(error: AccordError): HttpError {
  const spec = ERRORS[error.code];
  const registryCode: number = "registryCode" in spec ? spec.registryCode : spec.http;
  return { status: spec.http, body: { error_code: registryCode, message: error.message }, unexpected: false };
}

/** Names the field: Confluent says "Unrecognized field: x" for unknown ones. */
function validationMessage(error: Partial<FastifyError> & { validationContext?: string }): string {
  const first = error.validation?.[0];
  if (!first) return error.message ?? "invalid request";
  const where = `${error.validationContext ?? "body"}${first.instancePath}`;
  const params = first.params as Record<string, unknown>;
  if (first.keyword === "additionalProperties")
    return `Unrecognized field: ${String(params.additionalProperty)} (in ${where})`;
  if (first.keyword === "required")
    return `Missing required field: ${String(params.missingProperty)} (in ${where})`;
  return `${where} ${first.message ?? "is invalid"}`;
}

function pathOf(url: string): string {
  const path = url.split("?", 1)[0] ?? url;
  return path.length > 200 ? `${path.slice(0, 200)}…` : path;
}
