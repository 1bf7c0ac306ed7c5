import { withAdminRoute } from "../http/admin-route";
import { verifyUsageQuerySchema } from "./schemas";
import { verifyUsage } from "./verify-usage";

// GET /api/admin/usage/verify?period&at | ?from&to – prove counters, rollups and records agree
export const GET = withAdminRoute({
  roles: ["admin", "viewer"],
  querySchema: verifyUsageQuerySchema,
  fn: ({ principal, query }) => verifyUsage({ orgId: principal.orgId, query }),
});
