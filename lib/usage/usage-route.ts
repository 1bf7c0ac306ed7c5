import { withAdminRoute } from "../http/admin-route";
import { readScopeUserId } from "../auth/rbac";
import { listUsageRecords } from "./usage-records";
import { usageQuerySchema } from "./schemas";

// GET /api/admin/usage – per-call records with totals over the filter; developers see only theirs
export const GET = withAdminRoute({
  querySchema: usageQuerySchema,
  fn: ({ principal, query }) => listUsageRecords({ orgId: principal.orgId, query, ownerId: readScopeUserId(principal) }),
});
