// Helpers for the admin API's integration tests (imported only by *.test.ts): build requests
// authenticated by ADMIN_API_KEY or by a real next-auth session cookie, call route handlers as Next
// would, and create users with a given role.
import { encode } from "next-auth/jwt";
import { db } from "../db";
import { resetEnvCache } from "../env";
import { hashPassword } from "../crypto/password";
import { ensureDefaultOrg } from "../org/default-org";
import { authSecret } from "../auth/auth-secret";
import type { Role } from "../auth/rbac";
import type { AdminRouteHandler } from "./admin-route";

export const TEST_ADMIN_API_KEY = "test-admin-api-key-0123456789abcdef";

/** Call once per test file (beforeAll): enables the bearer admin key for the handlers under test. */
export function enableTestAdminApiKey(): void {
  process.env.ADMIN_API_KEY = TEST_ADMIN_API_KEY;
  resetEnvCache();
}

export type TestAuth = "api-key" | "none" | { cookie: string } | { bearer: string };

export function adminRequest(
  path: string,
  options: { method?: string; body?: unknown; rawBody?: string; auth?: TestAuth; headers?: Record<string, string> } = {},
): Request {
  const headers = new Headers(options.headers);
  const auth = options.auth ?? "api-key";
  if (auth === "api-key") headers.set("authorization", `Bearer ${TEST_ADMIN_API_KEY}`);
  else if (auth !== "none" && "cookie" in auth) headers.set("cookie", auth.cookie);
  else if (auth !== "none") headers.set("authorization", `Bearer ${auth.bearer}`);
  const body = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  if (body !== undefined && !headers.has("content-type")) headers.set("content-type", "application/json");
  // What the console's own fetches carry; CSRF tests pass their own (or "" to send none).
  if (!headers.has("origin")) headers.set("origin", "http://localhost:3000");
  if (headers.get("origin") === "") headers.delete("origin");
  return new Request(`http://localhost:3000${path}`, { method: options.method ?? "GET", headers, body });
}

/**
 * Runs a handler the way Next does (params as a Promise) and returns status + parsed JSON. The body
 * is untyped by default: tests assert on it field by field against the schemas' documented shapes.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function callRoute<T = any>(
  handler: AdminRouteHandler,
  request: Request,
  params: Record<string, string> = {},
): Promise<{ status: number; body: T; headers: Headers }> {
  const response = await handler(request, { params: Promise.resolve(params) });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T, headers: response.headers };
}

export async function createTestUser(options: {
  role: Role;
  suffix: string;
  orgId?: string;
  teamId?: string | null;
  password?: string;
  disabled?: boolean;
}) {
  const orgId = options.orgId ?? (await ensureDefaultOrg());
  return db().user.create({
    data: {
      orgId,
      email: `${options.role}-${options.suffix}@test.tollgate.local`,
      name: `Test ${options.role} ${options.suffix}`,
      role: options.role,
      teamId: options.teamId ?? null,
      disabled: options.disabled ?? false,
      passwordHash: options.password ? await hashPassword(options.password) : null,
    },
  });
}

/** A real next-auth session cookie for the user, exactly as the sign-in callback would set it. */
export async function sessionCookieFor(user: { id: string; email: string; name: string }): Promise<{ cookie: string }> {
  const token = await encode({ token: { sub: user.id, email: user.email, name: user.name }, secret: authSecret() });
  return { cookie: `next-auth.session-token=${token}` };
}
