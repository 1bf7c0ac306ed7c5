// The one call every admin mutation makes after its change committed. The change itself is already
// durable at this point, so a failed append must not turn into an error response (the client would
// think nothing happened and retry). Instead the full masked entry is logged at error level with a
// stable message, so operators can alert on it and re-create the row by hand. See docs/audit-log.md.
import type { AdminPrincipal } from "../principal/admin-principal";
import { logger } from "../logger";
import { appendAudit, type AuditEntry } from "./append-audit";
import { maskSecrets } from "./mask-secrets";
import { requestOrigin } from "./request-origin";

export const AUDIT_APPEND_FAILED = "audit.append_failed";

export function actorOf(principal: AdminPrincipal): Pick<AuditEntry, "actorType" | "actorId" | "actorEmail"> {
  if (principal.via === "admin-api-key") return { actorType: "admin-api-key", actorId: principal.id, actorEmail: null };
  return { actorType: "user", actorId: principal.id, actorEmail: principal.email };
}

/** Appends an entry and never throws: a failure is logged loudly with the whole (masked) entry. */
export async function appendAuditOrLog(entry: AuditEntry): Promise<void> {
  try {
    await appendAudit(entry);
  } catch (error) {
    const masked = { ...entry, before: maskSecrets(entry.before), after: maskSecrets(entry.after) };
    logger().error({ err: error, auditEntry: masked }, AUDIT_APPEND_FAILED);
  }
}

export async function auditAdminChange(
  context: { request: Request; principal: AdminPrincipal },
  change: { action: string; targetType: string; targetId: string | null; before?: unknown; after?: unknown },
): Promise<void> {
  await appendAuditOrLog({
    orgId: context.principal.orgId,
    ...actorOf(context.principal),
    ...requestOrigin(context.request.headers),
    action: change.action,
    targetType: change.targetType,
    targetId: change.targetId,
    before: change.before,
    after: change.after,
  });
}
