import { HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { canManage } from "@/lib/auth/rbac";
import { prefetchAdmin } from "@/lib/query/prefetch-admin.server";
import { GET as getQuotas } from "@/lib/quotas/quotas-route";
import { GET as getRateLimits } from "@/lib/rate-limits/rate-limits-route";
import { requireSection } from "../require-section";
import { quotasQuery, rateLimitsQuery } from "./quotas-api";
import { QuotasPageClient } from "./quotas-page-client";

export const metadata: Metadata = { title: "Quotas & limits" };

// GET /quotas – quotas per key, user, team, tier and organization, rate limits, and usage against them.
export default async function QuotasPage() {
  const user = await requireSection("quotas");
  // Both lists on the first paint. The usage bars are read in the browser: they show reset times in
  // the viewer's time zone, which the server cannot render. The dialogs' pickers load when they open.
  const state = await prefetchAdmin([
    { query: quotasQuery(), handler: getQuotas },
    { query: rateLimitsQuery(), handler: getRateLimits },
  ]);
  return (
    <HydrationBoundary state={state}>
      <QuotasPageClient canEdit={canManage(user.role)} orgId={user.orgId} />
    </HydrationBoundary>
  );
}
