import { auditAdminChange } from "../audit/audit-admin-change";
import { withAdminRoute } from "../http/admin-route";
import { deleteUser, updateUser } from "./user-mutations";
import { getUserOrThrow } from "./user-queries";
import { updateUserSchema } from "./schemas";

// GET /api/admin/users/{id} – one user
export const GET = withAdminRoute({
  // Developers see their own record through /api/admin/me, not the directory of everyone.
  roles: ["admin", "viewer"],
  fn: ({ principal, params }) => getUserOrThrow({ orgId: principal.orgId, id: params.id }),
});

// PATCH /api/admin/users/{id} – change role, tier, team, password or disable a user
export const PATCH = withAdminRoute({
  roles: ["admin"],
  bodySchema: updateUserSchema,
  fn: async (context) => {
    const { principal, params, body } = context;
    const before = await getUserOrThrow({ orgId: principal.orgId, id: params.id });
    const user = await updateUser({ orgId: principal.orgId, id: params.id, input: body });
    // A password change is otherwise invisible in the row; the masked field records that it happened.
    const after = body.password !== undefined ? { ...user, password: body.password } : user;
    await auditAdminChange(context, { action: "user.update", targetType: "user", targetId: user.id, before, after });
    return user;
  },
});

// DELETE /api/admin/users/{id} – delete a user and their keys
export const DELETE = withAdminRoute({
  roles: ["admin"],
  fn: async (context) => {
    const before = await deleteUser({ orgId: context.principal.orgId, id: context.params.id });
    await auditAdminChange(context, { action: "user.delete", targetType: "user", targetId: before.id, before });
    return before;
  },
});
