// Viewers may read everything in the console and change nothing, and a playground call costs money:
// the endpoints that call a model refuse them. (Counting a prompt's tokens spends nothing and stays open.)
import { canWrite, isRole } from "../auth/rbac";
import { db } from "../db";
import { ForbiddenError } from "../http/errors";

export async function assertMaySpend(userId: string): Promise<void> {
  const user = await db().user.findUnique({ where: { id: userId }, select: { role: true } });
  if (!user || !isRole(user.role) || !canWrite(user.role)) {
    throw new ForbiddenError("Viewers cannot call models in the playground: every call costs money. Ask an admin for the developer role.", "viewer_read_only");
  }
}
