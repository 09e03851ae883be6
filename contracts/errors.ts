/**
 * The one table of user-facing errors. Every error Accord shows a person comes from a row here:
 * the CLI maps `exit`, the registry maps `http` and `registryCode` (Confluent's `error_code`).
 * Codes are never renamed or reused; retired ones go to RETIRED_ERROR_CODES.
 */

export interface ErrorSpec {
  /** Message template; `%s` placeholders are filled in order. */
  readonly template: string;
  /** HTTP status when the registry returns it. */
  readonly http: number;
  /** Confluent Schema Registry `error_code`, where one exists (else the HTTP status is used). */
  readonly registryCode?: number;
  /** CLI exit code: 1 findings, 2 usage or input error, 3 internal error. */
  readonly exit: 1 | 2 | 3;
  /** What happened, for docs/errors.md. */
  readonly description: string;
  /** How to fix it, for docs/errors.md. */
  readonly fix: string;
}

export const ERRORS = {
  ACCORD_ERR_FILE_READ: {
    template: "cannot read %s: %s",
    http: 400,
    exit: 2,
    description: "A file named on the command line or in the catalog could not be read.",
    fix: "Check the path exists and is readable.",
  },
  ACCORD_ERR_SCHEMA_PARSE: {
    template: "%s: %s",
    http: 422,
    registryCode: 42201,
    exit: 2,
    description: "A schema file is not valid JSON or YAML.",
    fix: "Fix the syntax at the file:line:column given.",
  },
  ACCORD_ERR_SCHEMA_INVALID: {
    template: "%s: %s",
    http: 422,
    registryCode: 42201,
    exit: 2,
    description: "A schema is not valid against its draft's meta-schema.",
    fix: "Fix the keyword at the location given; `$schema` selects the draft.",
  },
  ACCORD_ERR_SCHEMA_DRAFT_UNSUPPORTED: {
    template: "%s: unsupported $schema %s (Accord reads draft-07, 2019-09 and 2020-12)",
    http: 422,
    registryCode: 42201,
    exit: 2,
    description: "A schema names a JSON Schema draft Accord does not read.",
    fix: "Use draft-07, 2019-09 or 2020-12.",
  },
  ACCORD_ERR_SCHEMA_REMOTE_REF: {
    template: '%s: $ref "%s" at %s points outside this schema; Accord never fetches remote references',
    http: 422,
    registryCode: 42201,
    exit: 2,
    description: "A `$ref` names a remote document (http, https, file or another path).",
    fix: "Inline the referenced schema under `$defs`, or (in a registry) use schema references.",
  },
  ACCORD_ERR_SCHEMA_REF_UNRESOLVED: {
    template: '%s: $ref "%s" at %s does not resolve to anything in this schema',
    http: 422,
    registryCode: 42201,
    exit: 2,
    description: "A local `$ref` points at a location or anchor that does not exist.",
    fix: "Correct the JSON Pointer or anchor.",
  },
  ACCORD_ERR_USAGE: {
    template: "%s",
    http: 400,
    exit: 2,
    description: "A command was called with flags or arguments it does not accept.",
    fix: "See `accord <command> --help`.",
  },
  ACCORD_ERR_INTERNAL: {
    template: "internal error: %s",
    http: 500,
    registryCode: 50001,
    exit: 3,
    description: "Accord hit a bug. Nothing was written.",
    fix: "Re-run with --debug and report the stack trace.",
  },
} as const satisfies Record<string, ErrorSpec>;

export type AccordErrorCode = keyof typeof ERRORS;

/** Codes that once existed; never reuse them. */
export const RETIRED_ERROR_CODES: readonly string[] = [];

/** Where in a file or document an error is. All parts optional: fill in what is known. */
export interface ErrorLocation {
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
  /** JSON Pointer into the document. */
  readonly pointer?: string;
}

/** An error as a value: contracts/ returns these, never throws them to the user. */
export interface AccordError {
  readonly code: AccordErrorCode;
  readonly message: string;
  readonly location?: ErrorLocation;
}

export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: AccordError };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail<T = never>(error: AccordError): Result<T> {
  return { ok: false, error };
}

/** Builds an error value from its table row, filling `%s` in order. */
export function accordError(code: AccordErrorCode, args: readonly unknown[], location?: ErrorLocation): AccordError {
  let index = 0;
  const message = ERRORS[code].template.replace(/%s/g, () => String(args[index++] ?? ""));
  return location ? { code, message, location } : { code, message };
}

/**
 * Carries an AccordError through layers that use exceptions (oclif, fastify). Only cli/ and
 * registry/ throw it; contracts/ returns Result values.
 */
export class AccordFailure extends Error {
  readonly error: AccordError;
  constructor(error: AccordError) {
    super(error.message);
    this.name = "AccordFailure";
    this.error = error;
  }
}

/** Unwraps a Result or throws an AccordFailure (for cli/ and registry/). */
export function unwrap<T>(result: Result<T>): T {
  if (result.ok) return result.value;
  throw new AccordFailure(result.error);
}
