import { auditAdminChange } from "../audit/audit-admin-change";
import { withAdminRoute } from "../http/admin-route";
import { ForbiddenError } from "../http/errors";
import type { AdminPrincipal } from "../principal/admin-principal";
import { canManageKey, canReadKey, KEY_WRITE_ROLES } from "../auth/rbac";
import { keyActorOf } from "./key-change-rules";
import { revokeKey, updateKey } from "./key-mutations";
import { getKeyOrThrow } from "./key-queries";
import { updateKeySchema } from "./schemas";

/** Loads the key (404 when unknown) and checks the principal may act on it. */
async function authorizedKey(principal: AdminPrincipal, id: string, action: "read" | "manage") {
  const key = await getKeyOrThrow({ orgId: principal.orgId, id });
  const allowed = action === "read" ? canReadKey(principal, key.userId) : canManageKey(principal, key.userId);
  if (!allowed) throw new ForbiddenError("This key belongs to someone else.");
  return key;
}

// GET /api/admin/keys/{id} – one key (never its plaintext)
export const GET = withAdminRoute({
  fn: ({ principal, params }) => authorizedKey(principal, params.id, "read"),
});

// PATCH /api/admin/keys/{id} – rename a key, change its models or expiry (a developer only narrows them)
export const PATCH = withAdminRoute({
  roles: KEY_WRITE_ROLES,
  bodySchema: updateKeySchema,
  fn: async (context) => {
    const { principal, params, body } = context;
    const before = await authorizedKey(principal, params.id, "manage");
    const after = await updateKey({ orgId: principal.orgId, id: params.id, input: body, actor: keyActorOf(principal.role) });
    await auditAdminChange(context, { action: "key.update", targetType: "key", targetId: after.id, before, after });
    return after;
  },
});

// DELETE /api/admin/keys/{id} – revoke a key (it stays listed as "revoked")
export const DELETE = withAdminRoute({
  roles: KEY_WRITE_ROLES,
  fn: async (context) => {
    const { principal, params } = context;
    const before = await authorizedKey(principal, params.id, "manage");
    const after = await revokeKey({ orgId: principal.orgId, id: params.id });
    // Revoking twice changes nothing, so only the first revocation is an audited change.
    if (!before.revokedAt) {
      await auditAdminChange(context, { action: "key.revoke", targetType: "key", targetId: after.id, before, after });
    }
    return after;
  },
});
