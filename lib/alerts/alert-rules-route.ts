import { auditAdminChange } from "../audit/audit-admin-change";
import { withAdminRoute } from "../http/admin-route";
import { ALERT_READ_ROLES } from "./alert-roles";
import { createAlertRule } from "./rule-mutations";
import { listAlertRules } from "./rule-queries";
import { createAlertRuleSchema, listAlertRulesQuerySchema } from "./schemas";

// GET /api/admin/alert-rules – list alert rules
export const GET = withAdminRoute({
  roles: ALERT_READ_ROLES,
  querySchema: listAlertRulesQuerySchema,
  fn: ({ principal, query }) => listAlertRules({ orgId: principal.orgId, query }),
});

// POST /api/admin/alert-rules – create an alert rule
export const POST = withAdminRoute({
  roles: ["admin"],
  bodySchema: createAlertRuleSchema,
  status: 201,
  fn: async (context) => {
    const after = await createAlertRule({ orgId: context.principal.orgId, input: context.body });
    await auditAdminChange(context, { action: "alert_rule.create", targetType: "alert_rule", targetId: after.id, after });
    return after;
  },
});
