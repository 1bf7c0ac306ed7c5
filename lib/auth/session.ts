// The signed-in console user, for server components, server actions and route handlers.
import "server-only";
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { authOptions } from "./auth-options";
import type {} from "./next-auth-types";
import { isRole } from "./rbac";
import type { SessionUser } from "./session-user";

export type { SessionUser } from "./session-user";

/** The user of the current request's session, or null when nobody (still active) is signed in. */
export async function getSessionUser(): Promise<SessionUser | null> {
  const session = await getServerSession(authOptions());
  const user = session?.user;
  if (!user?.id || !isRole(user.role) || !user.orgId) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role, orgId: user.orgId };
}

/** For server pages: the session user, or a redirect to /login that comes back here afterwards. */
export async function requireSessionUser(callbackPath?: string): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) redirect(callbackPath ? `/login?callbackUrl=${encodeURIComponent(callbackPath)}` : "/login");
  return user;
}
