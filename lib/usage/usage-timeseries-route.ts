import { withAdminRoute } from "../http/admin-route";
import { readScopeUserId } from "../auth/rbac";
import { getUsageTimeseries } from "./usage-timeseries";
import { timeseriesQuerySchema } from "./schemas";

// GET /api/admin/usage/timeseries – daily series by model or user from the rollups, plus p50/p95
export const GET = withAdminRoute({
  querySchema: timeseriesQuerySchema,
  fn: ({ principal, query }) => getUsageTimeseries({ orgId: principal.orgId, query, ownerId: readScopeUserId(principal) }),
});
