import { withAdminRoute } from "../http/admin-route";
import { ALERT_READ_ROLES } from "./alert-roles";
import { listAlertEvents } from "./event-queries";
import { listAlertsQuerySchema } from "./schemas";

// GET /api/admin/alerts – alert history (newest first) with every delivery attempt
export const GET = withAdminRoute({
  roles: ALERT_READ_ROLES,
  querySchema: listAlertsQuerySchema,
  fn: ({ principal, query }) => listAlertEvents({ orgId: principal.orgId, query }),
});
