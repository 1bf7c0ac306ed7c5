import { auditAdminChange } from "../audit/audit-admin-change";
import { withAdminRoute } from "../http/admin-route";
import { createUser } from "./user-mutations";
import { listUsers } from "./user-queries";
import { createUserSchema, listUsersQuerySchema } from "./schemas";

// GET /api/admin/users – list users (filters: teamId, role, q)
export const GET = withAdminRoute({
  // Developers see their own record through /api/admin/me, not the directory of everyone.
  roles: ["admin", "viewer"],
  querySchema: listUsersQuerySchema,
  fn: ({ principal, query }) => listUsers({ orgId: principal.orgId, query }),
});

// POST /api/admin/users – create a user (with a password they can sign in to the console)
export const POST = withAdminRoute({
  roles: ["admin"],
  bodySchema: createUserSchema,
  status: 201,
  fn: async (context) => {
    const { principal, body } = context;
    const user = await createUser({ orgId: principal.orgId, input: body });
    // The password field is there only so the masked diff shows that one was set.
    const after = body.password ? { ...user, password: body.password } : user;
    await auditAdminChange(context, { action: "user.create", targetType: "user", targetId: user.id, after });
    return user;
  },
});
