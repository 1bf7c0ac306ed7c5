import { withAdminRoute } from "../http/admin-route";
import { cacheStats } from "./cache-stats";
import { cacheStatsQuerySchema } from "./schemas";

// GET /api/admin/cache/stats?from&to&model&teamId – hits, misses, hit rate, tokens and cost saved (dollars), live entries and bytes
export const GET = withAdminRoute({
  querySchema: cacheStatsQuerySchema,
  fn: ({ principal, query }) => cacheStats({ orgId: principal.orgId, query }),
});
