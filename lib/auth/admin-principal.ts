// Who is calling the admin API: a console session (next-auth cookie) or the operator's
// ADMIN_API_KEY as `Authorization: Bearer …`, which acts as an admin of the default organization.
import { createHash, timingSafeEqual } from "node:crypto";
import { getServerSession } from "next-auth";
import { env } from "../env";
import { UnauthorizedError } from "../http/errors";
import { defaultOrgId } from "../org/default-org";
import { authOptions } from "./auth-options";
import type {} from "./next-auth-types";
import { isRole } from "./rbac";
import type { AdminPrincipal } from "../principal/admin-principal";


export const ADMIN_API_KEY_PRINCIPAL_ID = "admin-api-key";

/** Constant-time comparison; hashing first makes both sides the same length. */
function sameSecret(candidate: string, expected: string): boolean {
  const a = createHash("sha256").update(candidate).digest();
  const b = createHash("sha256").update(expected).digest();
  return timingSafeEqual(a, b);
}

function parseCookies(header: string | null): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const part of (header ?? "").split(";")) {
    const index = part.indexOf("=");
    if (index <= 0) continue;
    const name = part.slice(0, index).trim();
    const raw = part.slice(index + 1).trim();
    try {
      cookies[name] = decodeURIComponent(raw);
    } catch {
      cookies[name] = raw;
    }
  }
  return cookies;
}

async function sessionPrincipal(request: Request): Promise<AdminPrincipal | null> {
  // The (req, res, options) form reads headers and cookies from the request itself, so it works in
  // any route handler and in tests, without Next's request-scoped `headers()`.
  const req = { headers: Object.fromEntries(request.headers), cookies: parseCookies(request.headers.get("cookie")) };
  const res = { getHeader() {}, setCookie() {}, setHeader() {} };
  const session = await getServerSession(req as never, res as never, authOptions());
  const user = session?.user;
  if (!user?.id || !isRole(user.role) || !user.orgId) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role, orgId: user.orgId, via: "session" };
}

/** Throws UnauthorizedError when the request carries neither a valid bearer key nor a session. */
export async function authenticateAdminRequest(request: Request): Promise<AdminPrincipal> {
  const authorization = request.headers.get("authorization");
  if (authorization) {
    const match = /^Bearer\s+(.+)$/i.exec(authorization.trim());
    const expected = env().ADMIN_API_KEY;
    // A presented key is judged on its own: a wrong key never falls back to the session cookie.
    if (!match || !expected || !sameSecret(match[1], expected)) {
      throw new UnauthorizedError("Invalid admin API key.", "invalid_api_key");
    }
    return {
      id: ADMIN_API_KEY_PRINCIPAL_ID,
      email: "",
      name: "Admin API key",
      role: "admin",
      orgId: await defaultOrgId(),
      via: "admin-api-key",
    };
  }
  const principal = await sessionPrincipal(request);
  if (!principal) throw new UnauthorizedError("Sign in or send the admin API key as a bearer token.", "unauthenticated");
  return principal;
}
