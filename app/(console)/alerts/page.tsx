import { HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { GET as getAlertRules } from "@/lib/alerts/alert-rules-route";
import { canManage } from "@/lib/auth/rbac";
import { prefetchAdmin } from "@/lib/query/prefetch-admin.server";
import { requireSection } from "../require-section";
import { alertRulesQuery } from "./alerts-api";
import { AlertsPageClient } from "./alerts-page-client";

export const metadata: Metadata = { title: "Alerts" };

// GET /alerts – alert rules, test alerts and the history of every alert sent.
export default async function AlertsPage() {
  const user = await requireSection("alerts");
  // The rules on the first paint; the history follows its date range, resolved in the browser.
  const state = await prefetchAdmin([{ query: alertRulesQuery(), handler: getAlertRules }]);
  return (
    <HydrationBoundary state={state}>
      <AlertsPageClient canEdit={canManage(user.role)} />
    </HydrationBoundary>
  );
}
