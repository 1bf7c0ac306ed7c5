import { readScopeUserId } from "../auth/rbac";
import { withAdminRoute } from "../http/admin-route";
import { getSpend } from "./spend";
import { spendQuerySchema } from "./spend-schemas";

// GET /api/admin/usage/spend?by=key|user|team&ids&from&to&limit – calls and cost per key, user or team (default: this month), most expensive first (developers: their own calls)
export const GET = withAdminRoute({
  querySchema: spendQuerySchema,
  fn: ({ principal, query }) => getSpend({ orgId: principal.orgId, query, ownerId: readScopeUserId(principal) }),
});
