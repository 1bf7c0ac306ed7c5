import { auditAdminChange } from "../audit/audit-admin-change";
import { withAdminRoute } from "../http/admin-route";
import { deliverAlertEvent } from "./delivery/deliver-alert-event";
import { getAlertEventOrThrow } from "./event-queries";
import { createTestAlertEvent } from "./fire-alert-event";
import { getAlertRuleRowOrThrow } from "./rule-queries";
import { scopeKey, scopeNames } from "./rule-scope";

// POST /api/admin/alert-rules/{id}/test – send a test alert to every channel of the rule (even a
// disabled one) and answer with the event and its delivery attempts, once they are all done
export const POST = withAdminRoute({
  roles: ["admin"],
  status: 201,
  fn: async (context) => {
    const { principal, params } = context;
    const rule = await getAlertRuleRowOrThrow({ orgId: principal.orgId, id: params.id });
    const scopeName = (await scopeNames([rule])).get(scopeKey(rule.scope, rule.scopeId)) ?? null;
    const event = await createTestAlertEvent(rule, scopeName);
    await deliverAlertEvent({ event, rule, scopeName });
    const sent = await getAlertEventOrThrow({ orgId: principal.orgId, id: event.id });
    await auditAdminChange(context, { action: "alert_rule.test", targetType: "alert_rule", targetId: rule.id, after: { eventId: sent.id, status: sent.status } });
    return sent;
  },
});
