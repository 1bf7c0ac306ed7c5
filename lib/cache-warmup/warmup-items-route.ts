import { withAdminRoute } from "../http/admin-route";
import { listWarmupItemsQuerySchema } from "./schemas";
import { listWarmupItems } from "./warmup-job-queries";
import { WARMUP_READ_ROLES } from "./warmup-roles";

// GET /api/admin/cache/warmups/{id}/items – per-item results, in input order (filter by status)
export const GET = withAdminRoute({
  roles: WARMUP_READ_ROLES,
  querySchema: listWarmupItemsQuerySchema,
  fn: ({ principal, params, query }) => listWarmupItems({ orgId: principal.orgId, jobId: params.id, query }),
});
