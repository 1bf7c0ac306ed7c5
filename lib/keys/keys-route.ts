import { auditAdminChange } from "../audit/audit-admin-change";
import { withAdminRoute } from "../http/admin-route";
import { ForbiddenError, ValidationError } from "../http/errors";
import { ADMIN_API_KEY_PRINCIPAL_ID } from "../auth/admin-principal";
import { canManage, KEY_WRITE_ROLES, readScopeUserId } from "../auth/rbac";
import { keyActorOf } from "./key-change-rules";
import { createKey } from "./key-mutations";
import { listKeys } from "./key-queries";
import { createKeySchema, listKeysQuerySchema } from "./schemas";

// GET /api/admin/keys – list keys (filters: userId, teamId, status, q); developers see only theirs
export const GET = withAdminRoute({
  querySchema: listKeysQuerySchema,
  fn: ({ principal, query }) => listKeys({ orgId: principal.orgId, query, ownerId: readScopeUserId(principal) }),
});

// POST /api/admin/keys – create a key within the owner's limits; the plaintext is in this response only
export const POST = withAdminRoute({
  roles: KEY_WRITE_ROLES,
  bodySchema: createKeySchema,
  status: 201,
  fn: async (context) => {
    const { principal, body } = context;
    const userId = body.userId ?? (principal.id === ADMIN_API_KEY_PRINCIPAL_ID ? undefined : principal.id);
    if (!userId) throw new ValidationError("userId: required when calling with the admin API key.", "userId");
    if (!canManage(principal.role) && userId !== principal.id) {
      throw new ForbiddenError("Developers can only create keys for themselves.");
    }
    const created = await createKey({ orgId: principal.orgId, userId, input: body, actor: keyActorOf(principal.role) });
    // The plaintext key exists in this response only; the audit row gets the key without it.
    const { key: _plaintext, ...after } = created;
    await auditAdminChange(context, { action: "key.create", targetType: "key", targetId: created.id, after });
    return created;
  },
});
