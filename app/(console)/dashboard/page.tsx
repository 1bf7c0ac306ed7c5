import { HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { canReadAll } from "@/lib/auth/rbac";
import { prefetchAdmin } from "@/lib/query/prefetch-admin.server";
import { defaultUsageRange, usageTimeseriesQuery } from "@/lib/query/usage";
import { GET as getTimeseries } from "@/lib/usage/usage-timeseries-route";
import { requireSection } from "../require-section";
import { DashboardPageClient } from "./dashboard-page-client";

export const metadata: Metadata = { title: "Dashboard" };

// GET /dashboard – calls, tokens, cost, latency and errors over a date range.
export default async function DashboardPage() {
  const user = await requireSection("dashboard");
  // The client resolves its default range at this same instant, so it asks for the prefetched key.
  const now = new Date();
  const { from, to } = defaultUsageRange(now);
  const state = await prefetchAdmin([{ query: usageTimeseriesQuery({ from, to, groupBy: "model" }), handler: getTimeseries }]);
  return (
    <HydrationBoundary state={state}>
      <DashboardPageClient seesEveryone={canReadAll(user.role)} now={now.toISOString()} />
    </HydrationBoundary>
  );
}
