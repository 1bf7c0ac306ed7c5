// The alerts API's paths and named schemas, from the same zod contracts the route handlers parse with.
import type { z } from "zod";
import {
  alertEventListSchema,
  alertEventSchema,
  alertRuleListSchema,
  alertRuleSchema,
  createAlertRuleSchema,
  listAlertRulesQuerySchema,
  listAlertsQuerySchema,
  updateAlertRuleSchema,
} from "../alerts/schemas";
import type { ComponentName } from "./components";
import { adminOperation as op } from "./operation";

export function alertsComponents(): Record<string, z.ZodType> {
  return {
    CreateAlertRule: createAlertRuleSchema,
    UpdateAlertRule: updateAlertRuleSchema,
    AlertRule: alertRuleSchema,
    AlertRuleList: alertRuleListSchema,
    AlertEvent: alertEventSchema,
    AlertEventList: alertEventListSchema,
  };
}

type AlertsComponent = keyof ReturnType<typeof alertsComponents>;
/** Names registered by alertsComponents(), which the document merges into components.schemas. */
const schema = (name: AlertsComponent) => name as ComponentName;

const tag = "Alerts";
const READERS = "admin, viewer";
const ADMIN = "admin";

export function alertsPaths(): Record<string, unknown> {
  return {
    "/api/admin/alert-rules": {
      get: op({ summary: "List alert rules", tag, roles: READERS, query: listAlertRulesQuerySchema, ok: { status: 200, schema: schema("AlertRuleList") } }),
      post: op({
        summary: "Create an alert rule (422 for an e-mail channel when SMTP is not configured)",
        tag,
        roles: ADMIN,
        body: schema("CreateAlertRule"),
        ok: { status: 201, schema: schema("AlertRule") },
      }),
    },
    "/api/admin/alert-rules/{id}": {
      get: op({ summary: "Get an alert rule", tag, roles: READERS, withId: true, ok: { status: 200, schema: schema("AlertRule") } }),
      patch: op({
        summary: "Update an alert rule (channels given replace the list; name a channel's id to keep its secret)",
        tag,
        roles: ADMIN,
        withId: true,
        body: schema("UpdateAlertRule"),
        ok: { status: 200, schema: schema("AlertRule") },
      }),
      delete: op({ summary: "Delete an alert rule and its history", tag, roles: ADMIN, withId: true, ok: { status: 200, schema: schema("AlertRule"), description: "The deleted rule" } }),
    },
    "/api/admin/alert-rules/{id}/test": {
      post: op({
        summary: "Send a test alert to every channel of the rule",
        tag,
        roles: ADMIN,
        withId: true,
        ok: { status: 201, schema: schema("AlertEvent"), description: "The test alert with its delivery attempts" },
      }),
    },
    "/api/admin/alerts": {
      get: op({ summary: "Alert history, newest first, with every delivery attempt", tag, roles: READERS, query: listAlertsQuerySchema, ok: { status: 200, schema: schema("AlertEventList") } }),
    },
  };
}
