import { withAdminRoute } from "../http/admin-route";
import { listAuditLog } from "./audit-queries";
import { AUDIT_READ_ROLES } from "./audit-roles";
import { listAuditLogQuerySchema } from "./schemas";

// GET /api/admin/audit-log – audit entries, newest first (filters: actor, action, targetType, targetId, from, to)
export const GET = withAdminRoute({
  roles: AUDIT_READ_ROLES,
  querySchema: listAuditLogQuerySchema,
  fn: ({ principal, query }) => listAuditLog({ orgId: principal.orgId, query }),
});
