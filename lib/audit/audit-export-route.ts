import { withAdminRoute } from "../http/admin-route";
import { auditExportResponse } from "./audit-export";
import { auditWhere, iterateAuditLog } from "./audit-queries";
import { AUDIT_READ_ROLES } from "./audit-roles";
import { exportAuditLogQuerySchema } from "./schemas";

// GET /api/admin/audit-log/export – every entry matching the filter as a CSV or JSON download
export const GET = withAdminRoute({
  roles: AUDIT_READ_ROLES,
  querySchema: exportAuditLogQuerySchema,
  fn: ({ principal, query }) => {
    const { format, ...filter } = query;
    // Validate the filter now, while a 422 can still be sent instead of a broken download.
    auditWhere(principal.orgId, filter);
    return auditExportResponse(format, iterateAuditLog({ orgId: principal.orgId, filter }));
  },
});
