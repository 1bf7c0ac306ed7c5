import { auditAdminChange } from "../audit/audit-admin-change";
import { assertAlertRuleNotManaged, assertNotManaged } from "../config-file/managed-guard";
import { withAdminRoute } from "../http/admin-route";
import { ALERT_READ_ROLES } from "./alert-roles";
import { deleteAlertRule, updateAlertRule } from "./rule-mutations";
import { getAlertRuleOrThrow } from "./rule-queries";
import { updateAlertRuleSchema } from "./schemas";

// GET /api/admin/alert-rules/{id} – one alert rule
export const GET = withAdminRoute({
  roles: ALERT_READ_ROLES,
  fn: ({ principal, params }) => getAlertRuleOrThrow({ orgId: principal.orgId, id: params.id }),
});

// PATCH /api/admin/alert-rules/{id} – change an alert rule (channels given replace the list)
export const PATCH = withAdminRoute({
  roles: ["admin"],
  bodySchema: updateAlertRuleSchema,
  fn: async (context) => {
    const { principal, params, body } = context;
    const before = await getAlertRuleOrThrow({ orgId: principal.orgId, id: params.id });
    assertNotManaged(before, `the alert rule "${before.name}"`);
    const after = await updateAlertRule({ orgId: principal.orgId, id: params.id, input: body });
    await auditAdminChange(context, { action: "alert_rule.update", targetType: "alert_rule", targetId: after.id, before, after });
    return after;
  },
});

// DELETE /api/admin/alert-rules/{id} – delete an alert rule and its history
export const DELETE = withAdminRoute({
  roles: ["admin"],
  fn: async (context) => {
    await assertAlertRuleNotManaged(context.principal.orgId, context.params.id);
    const before = await deleteAlertRule({ orgId: context.principal.orgId, id: context.params.id });
    await auditAdminChange(context, { action: "alert_rule.delete", targetType: "alert_rule", targetId: before.id, before });
    return before;
  },
});
