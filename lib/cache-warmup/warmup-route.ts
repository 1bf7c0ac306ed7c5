import { withAdminRoute } from "../http/admin-route";
import { getWarmupJobOrThrow } from "./warmup-job-queries";
import { WARMUP_READ_ROLES } from "./warmup-roles";

// GET /api/admin/cache/warmups/{id} – one job's status, progress and cost
export const GET = withAdminRoute({
  roles: WARMUP_READ_ROLES,
  fn: ({ principal, params }) => getWarmupJobOrThrow({ orgId: principal.orgId, id: params.id }),
});
