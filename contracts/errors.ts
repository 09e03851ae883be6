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
  ACCORD_ERR_REGISTRY_SUBJECT_NOT_FOUND: {
    template: 'Subject "%s" not found.',
    http: 404,
    registryCode: 40401,
    exit: 2,
    description: "The subject has no live versions (or none at all when deleted ones were asked for).",
    fix: "Check the subject name (list them with GET /subjects), or register a first version.",
  },
  ACCORD_ERR_REGISTRY_VERSION_NOT_FOUND: {
    template: 'Version %s not found in subject "%s".',
    http: 404,
    registryCode: 40402,
    exit: 2,
    description:
      "The subject exists but has no such version, or the version is soft-deleted and deleted=true was not given.",
    fix: "List the versions with GET /subjects/{subject}/versions (add ?deleted=true to see soft-deleted ones).",
  },
  ACCORD_ERR_REGISTRY_SCHEMA_NOT_FOUND: {
    template: "%s",
    http: 404,
    registryCode: 40403,
    exit: 2,
    description: "No schema has that id, or a lookup found no version of the subject with that schema.",
    fix: "Check the id; for a lookup, register the schema first.",
  },
  ACCORD_ERR_REGISTRY_SUBJECT_SOFT_DELETED: {
    template: 'Subject "%s" was soft deleted. Set permanent=true to delete permanently.',
    http: 404,
    registryCode: 40404,
    exit: 2,
    description: "A soft delete was asked for a subject that is already soft-deleted.",
    fix: "Delete it permanently with ?permanent=true, or register a new version to revive it.",
  },
  ACCORD_ERR_REGISTRY_SUBJECT_NOT_SOFT_DELETED: {
    template: 'Subject "%s" was not deleted first before being permanently deleted.',
    http: 404,
    registryCode: 40405,
    exit: 2,
    description: "A permanent delete was asked for a subject that still has live versions.",
    fix: "Soft-delete the subject first (DELETE without permanent=true), then delete it permanently.",
  },
  ACCORD_ERR_REGISTRY_VERSION_SOFT_DELETED: {
    template: 'Version %s of subject "%s" was soft deleted. Set permanent=true to delete permanently.',
    http: 404,
    registryCode: 40406,
    exit: 2,
    description: "A soft delete was asked for a version that is already soft-deleted.",
    fix: "Delete it permanently with ?permanent=true.",
  },
  ACCORD_ERR_REGISTRY_VERSION_NOT_SOFT_DELETED: {
    template: 'Version %s of subject "%s" was not deleted first before being permanently deleted.',
    http: 404,
    registryCode: 40407,
    exit: 2,
    description: "A permanent delete was asked for a version that is still live.",
    fix: "Soft-delete the version first, then delete it permanently.",
  },
  ACCORD_ERR_REGISTRY_SUBJECT_CONFIG_NOT_FOUND: {
    template: 'Subject "%s" does not have subject-level compatibility configured.',
    http: 404,
    registryCode: 40408,
    exit: 2,
    description:
      "GET /config/{subject} without defaultToGlobal=true, for a subject with no level of its own.",
    fix: "Add ?defaultToGlobal=true to see the level in effect, or set one with PUT /config/{subject}.",
  },
  ACCORD_ERR_REGISTRY_SUBJECT_MODE_NOT_FOUND: {
    template: 'Subject "%s" does not have subject-level mode configured.',
    http: 404,
    registryCode: 40409,
    exit: 2,
    description: "GET /mode/{subject} without defaultToGlobal=true, for a subject with no mode of its own.",
    fix: "Add ?defaultToGlobal=true to see the mode in effect, or set one with PUT /mode/{subject}.",
  },
  ACCORD_ERR_REGISTRY_INCOMPATIBLE: {
    template: 'Schema being registered is incompatible with an earlier schema for subject "%s" (%s): %s',
    http: 409,
    registryCode: 40901,
    exit: 1,
    description:
      "The compatibility check of the subject's level found a change that breaks readers or writers, or could not decide.",
    fix: "Change the schema as the findings and their example events show, or change the subject's level deliberately.",
  },
  ACCORD_ERR_REGISTRY_SCHEMA_INVALID: {
    template: "Invalid schema: %s",
    http: 422,
    registryCode: 42201,
    exit: 2,
    description: "The schema text is not JSON, is not a valid JSON Schema, or breaks a registration rule.",
    fix: "Fix the schema as the message says; `schema` must be the schema as a JSON string.",
  },
  ACCORD_ERR_REGISTRY_SCHEMA_TYPE_UNSUPPORTED: {
    template:
      'Invalid schema: schemaType %s is not supported; Accord stores JSON Schema subjects only (send "schemaType": "JSON").',
    http: 422,
    registryCode: 42201,
    exit: 2,
    description:
      "The registration named AVRO or PROTOBUF, or no schemaType (which Confluent clients mean as AVRO).",
    fix: 'Send "schemaType": "JSON" with a JSON Schema; Avro and Protobuf subjects need another registry.',
  },
  ACCORD_ERR_REGISTRY_REFERENCE_UNRESOLVED: {
    template: 'Invalid schema: reference "%s" names subject "%s" version %s, which is not registered.',
    http: 422,
    registryCode: 42201,
    exit: 2,
    description:
      "A schema reference points at a subject or version that does not exist (or is soft-deleted).",
    fix: "Register the referenced schema first, or correct the reference's subject and version.",
  },
  ACCORD_ERR_REGISTRY_VERSION_INVALID: {
    template:
      'The specified version "%s" is not a valid version id. Allowed values are between [1, 2^31-1] and the string "latest".',
    http: 422,
    registryCode: 42202,
    exit: 2,
    description: "A version in the path is neither `latest`, `-1` nor an integer from 1 to 2^31-1.",
    fix: "Use a version number listed by GET /subjects/{subject}/versions, or `latest`.",
  },
  ACCORD_ERR_REGISTRY_COMPATIBILITY_INVALID: {
    template: 'Invalid compatibility level "%s". Valid values are %s.',
    http: 422,
    registryCode: 42203,
    exit: 2,
    description: "PUT /config named a level that does not exist.",
    fix: "Use NONE, BACKWARD, BACKWARD_TRANSITIVE, FORWARD, FORWARD_TRANSITIVE, FULL or FULL_TRANSITIVE.",
  },
  ACCORD_ERR_REGISTRY_MODE_INVALID: {
    template: 'Invalid mode "%s". Valid values are %s.',
    http: 422,
    registryCode: 42204,
    exit: 2,
    description: "PUT /mode named a mode Accord does not have.",
    fix: "Use READWRITE, READONLY or IMPORT.",
  },
  ACCORD_ERR_REGISTRY_OPERATION_NOT_PERMITTED: {
    template: "%s",
    http: 422,
    registryCode: 42205,
    exit: 2,
    description:
      "The subject's (or the global) mode forbids the operation: writes in READONLY, explicit ids outside IMPORT, plain registrations in IMPORT, or an id bound to another schema.",
    fix: "Check GET /mode/{subject}?defaultToGlobal=true and switch the mode, or drop the explicit id.",
  },
  ACCORD_ERR_REGISTRY_REFERENCE_EXISTS: {
    template: 'Version %s of subject "%s" is still referenced by schema ids %s.',
    http: 422,
    registryCode: 42206,
    exit: 2,
    description: "A delete would remove a schema version that other registered schemas reference.",
    fix: "Delete the referring schemas first (see GET /subjects/{subject}/versions/{version}/referencedby).",
  },
  ACCORD_ERR_REGISTRY_SUBJECT_INVALID: {
    template: "Invalid subject %s: %s.",
    http: 422,
    registryCode: 42208,
    exit: 2,
    description:
      "A subject name is empty, longer than 255 characters, contains `/`, `..` or control characters, or is reserved.",
    fix: "Use a name such as `orders-value` or `com.example.OrderPlaced`.",
  },
  ACCORD_ERR_REGISTRY_BAD_REQUEST: {
    template: "%s",
    http: 400,
    registryCode: 400,
    exit: 2,
    description: "The request body is not JSON, is empty, or the request is malformed.",
    fix: "Send a JSON body with Content-Type application/vnd.schemaregistry.v1+json.",
  },
  ACCORD_ERR_REGISTRY_BODY_INVALID: {
    template: "%s",
    http: 422,
    registryCode: 422,
    exit: 2,
    description: "The request body has an unknown field, a missing field or a field of the wrong type.",
    fix: "Send only the fields the endpoint documents, with the types it documents.",
  },
  ACCORD_ERR_REGISTRY_BODY_TOO_LARGE: {
    template: "Request body is larger than the limit of %s bytes.",
    http: 413,
    registryCode: 413,
    exit: 2,
    description: "The request body exceeds the server's body limit (accord serve --body-limit).",
    fix: "Send a smaller schema, or start the server with a larger --body-limit.",
  },
  ACCORD_ERR_REGISTRY_MEDIA_TYPE: {
    template:
      "Unsupported Content-Type %s; send application/vnd.schemaregistry.v1+json, application/vnd.schemaregistry+json or application/json.",
    http: 415,
    registryCode: 415,
    exit: 2,
    description: "The request body's media type is not one the registry reads.",
    fix: "Set Content-Type to application/vnd.schemaregistry.v1+json.",
  },
  ACCORD_ERR_REGISTRY_ROUTE_NOT_FOUND: {
    template: "HTTP 404 Not Found: %s %s",
    http: 404,
    registryCode: 404,
    exit: 2,
    description: "No registry endpoint has that method and path.",
    fix: "Check the URL against the Confluent Schema Registry API (README, section Registry).",
  },
  ACCORD_ERR_REGISTRY_STORE: {
    template: "Error in the backend data store: %s",
    http: 500,
    registryCode: 50001,
    exit: 3,
    description:
      "The registry's store failed (disk full, corrupt or unreadable database). Nothing was half-written.",
    fix: "Check the data directory's disk and permissions and the server log; retry the request.",
  },
  ACCORD_ERR_REGISTRY_STORE_TIMEOUT: {
    template: "Operation timed out: %s",
    http: 500,
    registryCode: 50002,
    exit: 3,
    description: "The store stayed busy (locked by another process) longer than the server waits.",
    fix: "Make sure only one `accord serve` uses the data directory; retry the request.",
  },
  ACCORD_ERR_REGISTRY_INTERNAL: {
    template: "Internal server error.",
    http: 500,
    registryCode: 50001,
    exit: 3,
    description:
      "The registry hit an unexpected error; details are in the server log, never in the response.",
    fix: "Look up the request in the server log and report it.",
  },
  ACCORD_ERR_REGISTRY_UNREACHABLE: {
    template: "cannot reach the registry at %s: %s",
    http: 503,
    exit: 2,
    description: "The registry client could not connect, or the server did not answer in time.",
    fix: "Check the registry URL and that `accord serve` (or Schema Registry) is running; raise --timeout if it is slow.",
  },
  ACCORD_ERR_REGISTRY_REMOTE: {
    template: "the registry answered %s %s with HTTP %s (error_code %s): %s",
    http: 502,
    exit: 2,
    description: "The registry rejected a request with an error Accord has no row for.",
    fix: "Read the registry's message; check credentials (401/403) and the URL.",
  },
  ACCORD_ERR_SCHEMA_TOO_DEEP: {
    template: "%s: objects and arrays nest more than %s levels deep here; Accord refuses such input",
    http: 422,
    registryCode: 42201,
    exit: 2,
    description:
      "A schema nests objects and arrays deeper than Accord accepts (a guard against input built to exhaust the stack).",
    fix: "Move inner parts of the schema under `$defs` and point at them with `$ref`.",
  },
  ACCORD_ERR_CATALOG_NOT_FOUND: {
    template: "%s is not an Accord catalog: it has no accord.yaml",
    http: 400,
    exit: 2,
    description: "A catalog command was run in (or pointed at) a folder without accord.yaml at its root.",
    fix: "Run it from the catalog folder, pass --dir, or create a catalog with `accord init`.",
  },
  ACCORD_ERR_CATALOG_CONFIG_INVALID: {
    template: "%s: %s",
    http: 400,
    exit: 2,
    description: "accord.yaml is not valid YAML, or breaks its schema (schemas/accord.schema.json).",
    fix: "Fix the key at the file:line:column given; editors can validate against schemas/accord.schema.json.",
  },
  ACCORD_ERR_CATALOG_SUBJECT_META_INVALID: {
    template: "%s: %s",
    http: 400,
    exit: 2,
    description: "A subject.yaml is not valid YAML, or has an unknown key or a value of the wrong type.",
    fix: "Fix the key at the file:line:column given (README, section The catalog).",
  },
  ACCORD_ERR_CATALOG_LAYOUT: {
    template: "%s: %s",
    http: 400,
    exit: 2,
    description:
      "A file under schemas/ breaks the layout: a version file not named v<N> (N from 1, no leading zeros), two files for one version, a schema outside a subject folder, or a subject without versions.",
    fix: "Keep one file per version at schemas/<subject>/v<N>.json (or .yaml).",
  },
  ACCORD_ERR_CATALOG_SUBJECT_NOT_FOUND: {
    template: 'no subject "%s" in the catalog (subjects: %s)',
    http: 404,
    exit: 2,
    description: "A command named a subject that has no folder under schemas/.",
    fix: "Use one of the subjects listed, or create schemas/<subject>/v1.json.",
  },
  ACCORD_ERR_CATALOG_CONSUMER_INVALID: {
    template: "%s: %s",
    http: 422,
    registryCode: 42212,
    exit: 2,
    description:
      "A consumer declaration (subject.yaml's consumers:, a consuming repository's accord.yaml, or one sent to the registry) names an unknown subject or version, a malformed read path, a path the pinned version does not declare, or a reader schema that cannot be read.",
    fix: "Read paths are JSON Pointers into the event (`/lines/*/sku`, `*` for every item) that the pinned version declares; see the README, section Consumer contracts.",
  },
  ACCORD_ERR_CATALOG_FILE_EXISTS: {
    template: "%s already exists; not overwriting it",
    http: 409,
    exit: 2,
    description: "`accord init` or `accord new-version` would overwrite a file.",
    fix: "Initialise into an empty folder, or move the file away first.",
  },
  ACCORD_ERR_CATALOG_WRITE: {
    template: "cannot write %s: %s",
    http: 500,
    exit: 2,
    description: "`accord init` or `accord new-version` could not create a file or folder.",
    fix: "Check that the folder is writable and the disk has space.",
  },
  ACCORD_ERR_GIT_NOT_A_REPOSITORY: {
    template: "%s is not inside a git work tree, so --against %s cannot be read",
    http: 400,
    exit: 2,
    description:
      "`--against` reads the base catalog from git, but the catalog folder is not in a git repository.",
    fix: "Run the command inside the repository's checkout, or drop --against to check the working tree only.",
  },
  ACCORD_ERR_GIT_REF_NOT_FOUND: {
    template: 'git ref "%s" is not in this clone%s. %s',
    http: 400,
    exit: 2,
    description:
      "The base ref given to --against does not resolve to a commit, usually because CI made a shallow clone of the branch under test only.",
    fix: "Fetch the base first: `fetch-depth: 0` on actions/checkout (GitHub Actions), `GIT_DEPTH: 0` (GitLab CI), or `git fetch origin main:main`.",
  },
  ACCORD_ERR_GIT_FAILED: {
    template: "git %s failed: %s",
    http: 500,
    exit: 2,
    description:
      "A git command Accord runs to read the base catalog failed (git missing, corrupt repository).",
    fix: "Check that git is installed and `git status` works in the catalog folder.",
  },
  ACCORD_ERR_CATALOG_BASE_INVALID: {
    template: "the catalog at %s cannot be read: %s",
    http: 400,
    exit: 2,
    description:
      "The base catalog read from git has an invalid accord.yaml, subject.yaml or version file, so there is nothing sound to compare against.",
    fix: "Compare against another ref, or fix the base branch first.",
  },
  ACCORD_ERR_GENERATE_CONFIG_INVALID: {
    template: "%s: %s",
    http: 400,
    exit: 2,
    description:
      "The `generate:` section of accord.yaml, or the flags of `accord generate`, do not say what to generate: no source, two sources, or a setting of the wrong kind.",
    fix: "Name one source (`catalog`, `git` or `registry`) and check the setting at the location given; see README, section Generate.",
  },
  ACCORD_ERR_GENERATE_NO_SUBJECTS: {
    template: 'subject pattern "%s" matches no subject in %s',
    http: 400,
    exit: 2,
    description: "A subject pattern given to `accord generate` matches none of the source's subjects.",
    fix: "Check the pattern (`*` matches any run of characters, `?` one character) against the subjects in the source.",
  },
  ACCORD_ERR_GENERATE_NAME_COLLISION: {
    template: 'subjects "%s" and "%s" would both generate %s',
    http: 400,
    exit: 2,
    description: "Two subjects map to the same TypeScript names or the same output folder.",
    fix: "Give one of them another name under `generate.names` in accord.yaml, or leave one out of `subjects`.",
  },
  ACCORD_ERR_GENERATE_SCHEMA_UNSUPPORTED: {
    template: 'subject "%s" version %s: %s',
    http: 422,
    exit: 2,
    description:
      "A schema cannot be turned into TypeScript types or a precompiled validator (json-schema-to-typescript or ajv refused it). Nothing was written.",
    fix: "Simplify the part of the schema named in the message, or leave the subject out of `subjects`.",
  },
  ACCORD_ERR_GENERATE_SCHEMA_ID_MISSING: {
    template: 'no schema id for subject "%s" version %s: %s',
    http: 400,
    exit: 2,
    description:
      "`--wire confluent` frames every event with its registry schema id, but neither accord.lock nor a registry gave one for this version. Nothing was written.",
    fix: "Publish the version and name the registry (`registry.url` in the catalog's accord.yaml, or `generate.registry`), or use `--wire json`.",
  },
  ACCORD_ERR_GENERATE_LOCK_INVALID: {
    template: "%s: %s",
    http: 400,
    exit: 2,
    description: "accord.lock is not a lock file Accord wrote (bad JSON, unknown version, missing field).",
    fix: "Restore it from version control, or delete it and run `accord generate` with a registry to rebuild it.",
  },
  ACCORD_ERR_GENERATE_OUTPUT_FOREIGN: {
    template: "output folder %s holds %s, which accord did not generate; refusing to replace it",
    http: 400,
    exit: 2,
    description:
      "`accord generate` replaces its output folder as a whole, and that folder holds a file without Accord's banner.",
    fix: "Point `out` at a folder only Accord writes to, or move the file elsewhere.",
  },
  ACCORD_ERR_GENERATE_SCHEMA_TYPE: {
    template: 'subject "%s" version %s is a %s schema; accord generate reads JSON Schema subjects only',
    http: 400,
    exit: 2,
    description: "A registry subject selected for generation holds Avro or Protobuf schemas.",
    fix: "Leave the subject out of `subjects`.",
  },
  ACCORD_ERR_DOCS_OUTPUT_FOREIGN: {
    template: "%s already exists and accord docs did not write it; refusing to overwrite it",
    http: 400,
    exit: 2,
    description:
      "`accord docs` writes only files it wrote before (listed in the output folder's .accord-docs.json); this path holds something else.",
    fix: "Point --out at an empty folder or one only `accord docs` writes to, or move the file away.",
  },
  ACCORD_ERR_DOCS_WRITE: {
    template: "cannot write %s: %s",
    http: 500,
    exit: 2,
    description:
      "A file of the documentation could not be written (permissions, a file where a folder should be, disk full).",
    fix: "Check that the --out folder is writable and has room.",
  },
  ACCORD_ERR_DOCS_SERVE: {
    template: "cannot serve the site on %s: %s",
    http: 500,
    exit: 2,
    description:
      "`accord docs --serve` could not listen on the address (port in use, no permission for a low port).",
    fix: "Pick another --port, or stop whatever is using it.",
  },
  ACCORD_ERR_REGISTRY_STORE_OPEN: {
    template: "cannot open the registry store %s: %s",
    http: 500,
    exit: 2,
    description:
      "`accord serve --store` could not connect to the database, migrate it, or found it written by a newer Accord.",
    fix: "Check the URL, the credentials and that the database is up (the message names the database, never the password).",
  },
  ACCORD_ERR_REGISTRY_UNAUTHORIZED: {
    template: "Unauthorized: %s",
    http: 401,
    registryCode: 40101,
    exit: 2,
    description:
      "The registry requires credentials (accord serve --auth) and the request had none, or wrong ones.",
    fix: "Send HTTP basic credentials or a bearer token; the CLI reads ACCORD_REGISTRY_TOKEN (or --registry-token), ACCORD_REGISTRY_USER and ACCORD_REGISTRY_PASSWORD (or --registry-user, --registry-password), or user:password in the registry URL.",
  },
  ACCORD_ERR_REGISTRY_FORBIDDEN: {
    template: "Forbidden: %s",
    http: 403,
    registryCode: 40301,
    exit: 2,
    description: "The credentials are valid but their role does not allow this operation on this subject.",
    fix: "Ask the registry's operator for a role (read, write or admin) covering the subject's prefix.",
  },
  ACCORD_ERR_REGISTRY_AUTH_CONFIG: {
    template: "invalid auth file %s: %s",
    http: 500,
    exit: 2,
    description: "The file given to `accord serve --auth` cannot be read or is not a valid users file.",
    fix: "Fix the entry named in the message; `accord serve --help` shows the format, and secrets must be stored hashed.",
  },
  ACCORD_ERR_REGISTRY_SCHEMA_TOO_LARGE: {
    template: "Schema is %s bytes, larger than the limit of %s bytes.",
    http: 422,
    registryCode: 42209,
    exit: 2,
    description: "The schema text exceeds the server's schema size limit (accord serve --max-schema-bytes).",
    fix: "Split the schema with references, or start the server with a larger --max-schema-bytes.",
  },
  ACCORD_ERR_REGISTRY_HEADERS_TOO_LARGE: {
    template: "Request header fields too large: %s.",
    http: 431,
    registryCode: 431,
    exit: 2,
    description:
      "The request's headers (cookies, tokens, a long URL) are larger than the server reads (Node's 16 KiB by default).",
    fix: "Send smaller headers; a long subject list belongs in the body or in several requests.",
  },
  ACCORD_ERR_REGISTRY_CHECK_BUDGET: {
    template:
      "Invalid schema: checking %s (validation, compile and compatibility comparison) took longer than its budget of %s ms and was stopped.",
    http: 422,
    registryCode: 42201,
    exit: 2,
    description:
      "Validating, compiling or comparing a schema being registered or tested ran past the server's time budget for one check (accord serve --check-budget-ms).",
    fix: "Register a smaller schema (split it with references), or start the server with a larger --check-budget-ms.",
  },
  ACCORD_ERR_REGISTRY_TOO_MANY_RESULTS: {
    template:
      "The answer would hold %s %s, more than the limit of %s per call; ask for a page with offset and limit.",
    http: 422,
    registryCode: 422,
    exit: 2,
    description:
      "A list endpoint matched more items than the server returns in one response (accord serve --max-list).",
    fix: "Pass offset and limit (at most the limit per call), or a narrower subjectPrefix.",
  },
  ACCORD_ERR_REGISTRY_NOT_READY: {
    template: "Not ready: %s",
    http: 503,
    exit: 3,
    description: "The readiness endpoint found the store unreachable, or the server is shutting down.",
    fix: "Check the database and the server log; load balancers should route to other instances meanwhile.",
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

export type Result<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: AccordError };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail<T = never>(error: AccordError): Result<T> {
  return { ok: false, error };
}

/** Builds an error value from its table row, filling `%s` in order. */
export function accordError(
  code: AccordErrorCode,
  args: readonly unknown[],
  location?: ErrorLocation,
): AccordError {
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
