import { HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { GET as getAlertRules } from "@/lib/alerts/alert-rules-route";
import { GET as getAlertHistory } from "@/lib/alerts/alerts-route";
import { canManage } from "@/lib/auth/rbac";
import { resolveDateRange } from "@/lib/charts/date-range";
import { prefetchAdmin, type AdminPrefetch } from "@/lib/query/prefetch-admin.server";
import { requireSection } from "../require-section";
import { ALERT_HISTORY_PAGE_SIZE, alertHistoryQuery, alertRulesQuery } from "./alerts-api";
import { AlertsPageClient } from "./alerts-page-client";

export const metadata: Metadata = { title: "Alerts" };

// GET /alerts – alert rules, test alerts and the history of every alert sent.
export default async function AlertsPage() {
  const user = await requireSection("alerts");
  // The rules and the history's first page (the last 7 days, open-ended), resolved at this same
  // instant on both sides so the client asks for exactly the key prefetched.
  const now = new Date();
  const range = resolveDateRange({ preset: "7d" }, now);
  const prefetches: AdminPrefetch[] = [{ query: alertRulesQuery(), handler: getAlertRules }];
  if (range) prefetches.push({ query: alertHistoryQuery({ ruleId: undefined, from: range.from, to: undefined, page: 1, pageSize: ALERT_HISTORY_PAGE_SIZE }), handler: getAlertHistory });
  const state = await prefetchAdmin(prefetches);
  return (
    <HydrationBoundary state={state}>
      <AlertsPageClient canEdit={canManage(user.role)} now={now.toISOString()} />
    </HydrationBoundary>
  );
}
