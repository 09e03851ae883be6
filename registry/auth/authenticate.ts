import type { AuthConfig, AuthUser } from "./config.js";
import { parsePasswordHash, type ScryptHash, sameBytes, sha256, verifyPassword } from "./secrets.js";

/** Checked when the user name is unknown, so an unknown name costs as long as a wrong password. */
const DECOY = parsePasswordHash(
  "scrypt:16384:8:1:YWNjb3JkLWRlY295LXNhbHQ=:TtOjLN2b2lUfJjrTfiwgy9Hj7TbzAo0b3O6hspxm3eE=",
) as ScryptHash;
/** Verified basic credentials, so scrypt runs once per client, not once per request. */
const VERIFIED_CACHE_SIZE = 1024;
/**
 * Failed password checks allowed per client address in a window; beyond, the answer is 401
 * without running scrypt, so guessing cannot be used to burn the server's CPU.
 */
const MAX_FAILURES = 10;
const FAILURE_WINDOW_MS = 60_000;
const TRACKED_ADDRESSES = 10_000;

export type Authentication =
  | { readonly ok: true; readonly user: AuthUser }
  | { readonly ok: false; readonly reason: string };

/**
 * Checks an Authorization header against the auth file: HTTP basic (user name and password) or a
 * bearer token. Every comparison of secret material is constant-time; reasons never repeat what
 * the client sent.
 */
export class Authenticator {
  private readonly config: AuthConfig;
  /** sha256(name NUL password) → user, for credentials already verified with scrypt. */
  private readonly verified = new Map<string, { digest: Buffer; user: AuthUser }>();
  private readonly failures = new Map<string, { count: number; since: number }>();
  private readonly now: () => number;

  constructor(config: AuthConfig, now: () => number = Date.now) {
    this.config = config;
    this.now = now;
  }

  /** `address` identifies the client for the failure limit (the socket's remote address). */
  async authenticate(header: string | undefined, address = "unknown"): Promise<Authentication> {
    if (header === undefined || header.trim() === "")
      return { ok: false, reason: "credentials are required" };
    const space = header.indexOf(" ");
    const scheme = (space < 0 ? header : header.slice(0, space)).toLowerCase();
    const value = space < 0 ? "" : header.slice(space + 1).trim();
    if (scheme === "basic") return this.basic(value, address);
    if (scheme === "bearer") return this.bearer(value);
    return { ok: false, reason: "use HTTP basic or a bearer token" };
  }

  private async basic(encoded: string, address: string): Promise<Authentication> {
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(encoded)) return { ok: false, reason: "malformed basic credentials" };
    const decoded = Buffer.from(encoded, "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    if (colon < 0) return { ok: false, reason: "malformed basic credentials" };
    const name = decoded.slice(0, colon);
    const password = decoded.slice(colon + 1);
    const key = `${name}\u0000${password}`;
    const digest = sha256(key);
    const cacheKey = digest.toString("hex");
    const cached = this.verified.get(cacheKey);
    if (cached && sameBytes(cached.digest, digest)) return { ok: true, user: cached.user };

    if (this.blocked(address)) return { ok: false, reason: "too many failed attempts; try again later" };
    const user = this.config.users.get(name);
    const stored = user?.password ?? DECOY;
    const matches = await verifyPassword(stored, password);
    if (!user?.password || !matches) {
      this.recordFailure(address);
      return { ok: false, reason: "wrong user name or password" };
    }
    if (this.verified.size >= VERIFIED_CACHE_SIZE) {
      const oldest = this.verified.keys().next().value;
      if (oldest !== undefined) this.verified.delete(oldest);
    }
    this.verified.set(cacheKey, { digest, user });
    return { ok: true, user };
  }

  private blocked(address: string): boolean {
    const entry = this.failures.get(address);
    if (!entry) return false;
    if (this.now() - entry.since > FAILURE_WINDOW_MS) {
      this.failures.delete(address);
      return false;
    }
    return entry.count >= MAX_FAILURES;
  }

  private recordFailure(address: string): void {
    const entry = this.failures.get(address);
    if (entry) {
      entry.count++;
      return;
    }
    if (this.failures.size >= TRACKED_ADDRESSES) {
      const oldest = this.failures.keys().next().value;
      if (oldest !== undefined) this.failures.delete(oldest);
    }
    this.failures.set(address, { count: 1, since: this.now() });
  }

  private bearer(token: string): Authentication {
    if (token === "") return { ok: false, reason: "the bearer token is empty" };
    const digest = sha256(token);
    let found: AuthUser | undefined;
    // No early exit: the time taken does not tell how many tokens were compared.
    for (const entry of this.config.tokens) {
      if (sameBytes(entry.hash, digest) && found === undefined) found = entry.user;
    }
    return found ? { ok: true, user: found } : { ok: false, reason: "unknown bearer token" };
  }
}
