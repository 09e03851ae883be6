import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { AccordFailure, accordError } from "../../contracts/errors.js";
import { isJsonObject } from "../../contracts/schema/json-value.js";
import { parsePasswordHash, parseTokenHash, type ScryptHash } from "./secrets.js";

export const ROLES = ["read", "write", "admin"] as const;
export type Role = (typeof ROLES)[number];

/** A role over every subject whose name starts with `prefix` ("" = all subjects, and global settings). */
export interface Grant {
  readonly role: Role;
  readonly prefix: string;
}

export interface AuthUser {
  readonly name: string;
  readonly password?: ScryptHash;
  readonly tokens: readonly Buffer[];
  readonly grants: readonly Grant[];
}

export interface AuthConfig {
  readonly users: ReadonlyMap<string, AuthUser>;
  /** Every token hash with its user, scanned in full on each bearer request (constant time). */
  readonly tokens: readonly { readonly hash: Buffer; readonly user: AuthUser }[];
}

const USER_NAME = /^[A-Za-z0-9._@-]{1,128}$/;

/** Reads `accord serve --auth <file>` (YAML or JSON). Throws ACCORD_ERR_REGISTRY_AUTH_CONFIG. */
export function loadAuthFile(path: string): AuthConfig {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    throw invalid(path, (err as Error).message);
  }
  let document: unknown;
  try {
    document = parse(text, { maxAliasCount: 0 });
  } catch (err) {
    throw invalid(path, `not YAML or JSON (${(err as Error).message.split("\n")[0]})`);
  }
  return parseAuthConfig(document, path);
}

/** Validates an auth document; never echoes a secret in its messages. */
export function parseAuthConfig(document: unknown, source: string): AuthConfig {
  if (!isJsonObject(document) || !Array.isArray(document.users)) {
    throw invalid(source, "expected a top-level `users:` list");
  }
  unknownKeys(document, ["users"], "the top level", source);
  const users = new Map<string, AuthUser>();
  const tokens: { hash: Buffer; user: AuthUser }[] = [];
  document.users.forEach((entry: unknown, index: number) => {
    const where = `users[${index}]`;
    if (!isJsonObject(entry)) throw invalid(source, `${where} must be a mapping`);
    unknownKeys(entry, ["name", "password", "tokens", "grants"], where, source);
    const name = entry.name;
    if (typeof name !== "string" || !USER_NAME.test(name)) {
      throw invalid(source, `${where}.name must be 1-128 letters, digits or . _ @ -`);
    }
    if (users.has(name)) throw invalid(source, `${where}: user ${JSON.stringify(name)} is listed twice`);
    let password: ScryptHash | undefined;
    if (entry.password !== undefined) {
      password = typeof entry.password === "string" ? parsePasswordHash(entry.password) : undefined;
      if (!password) {
        throw invalid(
          source,
          `${where}.password must be a hash (scrypt:N:r:p:salt:hash) from \`accord serve --hash-secret password\`, never the password itself`,
        );
      }
    }
    const rawTokens = entry.tokens ?? [];
    if (!Array.isArray(rawTokens)) throw invalid(source, `${where}.tokens must be a list`);
    const userTokens = rawTokens.map((token: unknown, position: number) => {
      const hash = typeof token === "string" ? parseTokenHash(token) : undefined;
      if (!hash) {
        throw invalid(
          source,
          `${where}.tokens[${position}] must be a hash (sha256:<64 hex>) from \`accord serve --hash-secret token\`, never the token itself`,
        );
      }
      return hash;
    });
    if (!password && userTokens.length === 0)
      throw invalid(source, `${where} has neither a password nor a token`);
    if (!Array.isArray(entry.grants) || entry.grants.length === 0) {
      throw invalid(source, `${where}.grants must list at least one { role, prefix }`);
    }
    const grants = entry.grants.map((grant: unknown, position: number) => {
      const at = `${where}.grants[${position}]`;
      if (!isJsonObject(grant)) throw invalid(source, `${at} must be a mapping`);
      unknownKeys(grant, ["role", "prefix"], at, source);
      if (typeof grant.role !== "string" || !(ROLES as readonly string[]).includes(grant.role)) {
        throw invalid(source, `${at}.role must be one of ${ROLES.join(", ")}`);
      }
      const prefix = grant.prefix ?? "";
      if (typeof prefix !== "string")
        throw invalid(source, `${at}.prefix must be a string ("" for every subject)`);
      return { role: grant.role as Role, prefix };
    });
    const user: AuthUser = { name, ...(password ? { password } : {}), tokens: userTokens, grants };
    users.set(name, user);
    for (const hash of userTokens) {
      if (tokens.some((other) => other.hash.equals(hash)))
        throw invalid(source, `${where}: a token is listed twice`);
      tokens.push({ hash, user });
    }
  });
  if (users.size === 0) throw invalid(source, "`users:` is empty: nobody could use the registry");
  return { users, tokens };
}

function unknownKeys(
  value: Record<string, unknown>,
  allowed: readonly string[],
  where: string,
  source: string,
): void {
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) throw invalid(source, `unknown key ${JSON.stringify(key)} in ${where}`);
  }
}

function invalid(source: string, reason: string): AccordFailure {
  return new AccordFailure(accordError("ACCORD_ERR_REGISTRY_AUTH_CONFIG", [source, reason]));
}
