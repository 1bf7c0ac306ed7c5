// The signed-in user as every server module sees it, re-read from the database on each session
// check so that disabling, deleting or demoting a user takes effect on their next request.
import type { DbClient } from "../db";
import { db } from "../db";
import { isRole, type Role } from "./rbac";

export type SessionUser = {
  id: string;
  email: string;
  name: string;
  role: Role;
  orgId: string;
};

/** The user behind a session, or null when they were deleted, disabled or hold an unknown role. */
export async function findActiveSessionUser(id: string, client: DbClient = db()): Promise<SessionUser | null> {
  const user = await client.user.findUnique({
    where: { id },
    select: { id: true, email: true, name: true, role: true, orgId: true, disabled: true },
  });
  if (!user || user.disabled || !isRole(user.role)) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role, orgId: user.orgId };
}
