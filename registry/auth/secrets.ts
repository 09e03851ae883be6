import { createHash, randomBytes, scrypt, scryptSync, timingSafeEqual } from "node:crypto";

/**
 * Secrets in the auth file are stored hashed. Passwords, which people choose, get scrypt with a
 * salt; tokens, which Accord generates (32 random bytes), get SHA-256, which is enough for
 * high-entropy secrets and cheap enough to check on every request.
 */
const SCRYPT = { N: 16_384, r: 8, p: 1, keyLength: 32 } as const;
const SCRYPT_MAX_MEMORY = 64 * 1024 * 1024;

export function hashPassword(password: string): string {
  const salt = randomBytes(16);
  const hash = scryptSync(password, salt, SCRYPT.keyLength, { N: SCRYPT.N, r: SCRYPT.r, p: SCRYPT.p });
  return `scrypt:${SCRYPT.N}:${SCRYPT.r}:${SCRYPT.p}:${salt.toString("base64")}:${hash.toString("base64")}`;
}

export interface ScryptHash {
  readonly N: number;
  readonly r: number;
  readonly p: number;
  readonly salt: Buffer;
  readonly hash: Buffer;
}

/** Parses `scrypt:N:r:p:salt:hash` (base64 salt and hash); undefined when malformed. */
export function parsePasswordHash(text: string): ScryptHash | undefined {
  const parts = text.split(":");
  if (parts.length !== 6 || parts[0] !== "scrypt") return undefined;
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  const salt = Buffer.from(parts[4] ?? "", "base64");
  const hash = Buffer.from(parts[5] ?? "", "base64");
  const powerOfTwo = Number.isInteger(N) && N >= 1024 && N <= 1_048_576 && (N & (N - 1)) === 0;
  if (!powerOfTwo || !Number.isInteger(r) || r < 1 || r > 32 || !Number.isInteger(p) || p < 1 || p > 16) {
    return undefined;
  }
  if (salt.length < 8 || hash.length < 16 || 128 * N * r > SCRYPT_MAX_MEMORY) return undefined;
  return { N, r, p, salt, hash };
}

/**
 * Compares in constant time for a given hash length. Asynchronous: scrypt runs on libuv's thread
 * pool for tens of milliseconds, which must not stall every other request.
 */
export function verifyPassword(stored: ScryptHash, password: string): Promise<boolean> {
  return new Promise((resolve, reject) => {
    scrypt(
      password,
      stored.salt,
      stored.hash.length,
      { N: stored.N, r: stored.r, p: stored.p, maxmem: SCRYPT_MAX_MEMORY },
      (err, candidate) => (err ? reject(err) : resolve(timingSafeEqual(candidate, stored.hash))),
    );
  });
}

/** A new bearer token: 32 random bytes, URL-safe. */
export function newToken(): string {
  return `acc_${randomBytes(32).toString("base64url")}`;
}

export function hashToken(token: string): string {
  return `sha256:${sha256(token).toString("hex")}`;
}

/** Parses `sha256:<64 hex>`; undefined when malformed. */
export function parseTokenHash(text: string): Buffer | undefined {
  const match = /^sha256:([0-9a-f]{64})$/.exec(text);
  return match?.[1] ? Buffer.from(match[1], "hex") : undefined;
}

export function sha256(text: string): Buffer {
  return createHash("sha256").update(text, "utf8").digest();
}

/** Equal-length buffers compared without an early exit; different lengths are simply unequal. */
export function sameBytes(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}
