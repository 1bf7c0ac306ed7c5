import { HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { canManage } from "@/lib/auth/rbac";
import { prefetchAdmin } from "@/lib/query/prefetch-admin.server";
import { GET as getQuotaStatus } from "@/lib/quotas/quota-status-route";
import { GET as getQuotas } from "@/lib/quotas/quotas-route";
import { GET as getRateLimits } from "@/lib/rate-limits/rate-limits-route";
import { requireSection } from "../require-section";
import { quotaStatusQuery, quotasQuery, rateLimitsQuery } from "./quotas-api";
import { QuotasPageClient } from "./quotas-page-client";

export const metadata: Metadata = { title: "Quotas & limits" };

// GET /quotas – quotas per key, user, team, tier and organization, rate limits, and usage against them.
export default async function QuotasPage() {
  const user = await requireSection("quotas");
  // Both lists and the organization's usage bars (the status card opens on it) on the first paint;
  // another scope's bars load when it is chosen, the dialogs' pickers when they open. The bars' reset
  // times go through LocalTime, so the HTML (UTC) hydrates for a viewer in any zone.
  const state = await prefetchAdmin([
    { query: quotasQuery(), handler: getQuotas },
    { query: rateLimitsQuery(), handler: getRateLimits },
    { query: quotaStatusQuery("org", user.orgId), handler: getQuotaStatus },
  ]);
  return (
    <HydrationBoundary state={state}>
      <QuotasPageClient canEdit={canManage(user.role)} orgId={user.orgId} />
    </HydrationBoundary>
  );
}
