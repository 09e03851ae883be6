import type { AuthUser, Role } from "./config.js";

const RANK: Record<Role, number> = { read: 1, write: 2, admin: 3 };

/** What a request needs: a role, over one subject or (null) the registry as a whole. */
export interface Access {
  readonly role: Role;
  readonly subject: string | null;
}

/** Probes and scrapes need no credentials: they reveal no subject or schema. */
const PUBLIC_ROUTES = new Set(["GET /", "GET /metrics", "GET /readyz", "GET /healthz"]);

/**
 * The role a route needs. Reads need `read`, registrations and soft deletes `write` on the
 * subject, permanent deletes and config or mode changes `admin`; routes without a subject (by-id
 * reads, global settings) are checked against the registry as a whole. Unknown routes need read,
 * so probing for them without credentials gets 401, not a map of the API.
 */
export function requiredAccess(
  method: string,
  route: string | undefined,
  params: Readonly<Record<string, string | undefined>>,
  query: Readonly<Record<string, unknown>>,
): Access | "public" {
  if (route !== undefined && PUBLIC_ROUTES.has(`${method} ${route}`)) return "public";
  const subject = params.subject ?? null;
  const permanent = String(query.permanent ?? "").toLowerCase() === "true";
  if (method === "GET" || method === "HEAD") return { role: "read", subject };
  if (method === "POST") {
    if (route === "/subjects/:subject/versions") return { role: "write", subject };
    // Lookups and compatibility checks write nothing.
    return { role: "read", subject };
  }
  // Declaring what a consumer reads of a subject is scoped like registering in it.
  if (method === "PUT" && route === "/accord/v1/subjects/:subject/consumers/:consumer") {
    return { role: "write", subject };
  }
  if (method === "DELETE" && route?.startsWith("/subjects/")) {
    return { role: permanent ? "admin" : "write", subject };
  }
  return { role: "admin", subject };
}

/**
 * Whether the user holds at least `access.role` over the subject. A whole-registry access (null
 * subject) needs a grant on every subject (prefix ""), except reads: any read grant lets a client
 * decode by id, as consumers must.
 */
export function allows(user: AuthUser, access: Access): boolean {
  return user.grants.some((grant) => {
    if (RANK[grant.role] < RANK[access.role]) return false;
    if (access.subject === null) return grant.prefix === "" || access.role === "read";
    return access.subject.startsWith(grant.prefix);
  });
}

/** Whether the user may read this subject (for filtering subject lists). */
export function canRead(user: AuthUser, subject: string): boolean {
  return allows(user, { role: "read", subject });
}
