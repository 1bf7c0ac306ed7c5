import { withAdminRoute } from "../http/admin-route";
import type { PrincipalResponse } from "./schemas";

// GET /api/admin/me – who is calling (session user or the admin API key)
export const GET = withAdminRoute({
  fn: ({ principal }): PrincipalResponse => ({
    id: principal.id,
    email: principal.email,
    name: principal.name,
    role: principal.role,
    orgId: principal.orgId,
    via: principal.via,
  }),
});
