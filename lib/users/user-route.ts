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
  fn: ({ principal, params, body }) => updateUser({ orgId: principal.orgId, id: params.id, input: body }),
});

// DELETE /api/admin/users/{id} – delete a user and their keys
export const DELETE = withAdminRoute({
  roles: ["admin"],
  fn: ({ principal, params }) => deleteUser({ orgId: principal.orgId, id: params.id }),
});
