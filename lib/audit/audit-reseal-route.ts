import { ConflictError } from "../http/errors";
import { withAdminRoute } from "../http/admin-route";
import { actorOf } from "./audit-admin-change";
import { requestOrigin } from "./request-origin";
import { resealAuditLogBodySchema, type AuditResealResult } from "./schemas";
import { sealAuditChain } from "./seal-audit-chain";

// POST /api/admin/audit-log/reseal – seal a log that does not verify, as it is, under the current
// key (admins only). Refused with 409 while the chain verifies: there is nothing to accept. The
// audit.chain_resealed entry it appends names the admin and the break that was accepted.
export const POST = withAdminRoute({
  roles: ["admin"],
  bodySchema: resealAuditLogBodySchema,
  fn: async ({ request, principal }): Promise<AuditResealResult> => {
    const outcome = await sealAuditChain({
      mode: "accept",
      orgId: principal.orgId,
      actor: { ...actorOf(principal), ...requestOrigin(request.headers) },
    });
    if (!outcome.sealed) throw new ConflictError("The audit log verifies: there is no break to accept, so it was not re-sealed.");
    const accepted = outcome.accepted!;
    return {
      resealed: true,
      rows: outcome.rows,
      eventId: outcome.eventId,
      head: outcome.head,
      accepted: { reason: accepted.reason, firstBrokenId: accepted.firstBrokenId, message: accepted.message },
    };
  },
});
