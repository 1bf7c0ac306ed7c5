import { HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { canManage, canReadAll } from "@/lib/auth/rbac";
import { GET as getPlaygroundModels } from "@/lib/models/playground-models-route";
import { GET as getProviders } from "@/lib/providers/providers-route";
import { playgroundModelsQuery } from "@/lib/query/models";
import { providersQuery } from "@/lib/query/providers";
import { prefetchAdmin } from "@/lib/query/prefetch-admin.server";
import { defaultUsageRange, usageTimeseriesQuery } from "@/lib/query/usage";
import { GET as getSpend } from "@/lib/usage/spend-route";
import { GET as getTimeseries } from "@/lib/usage/usage-timeseries-route";
import { requireSection } from "../require-section";
import { DashboardPageClient } from "./dashboard-page-client";
import { spenderScopes, timeseriesParams, topSpendersQuery } from "./dashboard-scopes";

export const metadata: Metadata = { title: "Dashboard" };

// GET /dashboard – calls, tokens, cost, latency, errors and top spenders over a date range.
export default async function DashboardPage() {
  const user = await requireSection("dashboard");
  // The client resolves its default range at this same instant, so it asks for the prefetched keys.
  const now = new Date();
  const range = defaultUsageRange(now);
  const seesEveryone = canReadAll(user.role);
  const admin = canManage(user.role);
  // The first-run checklist reads the callable models and (admins) the providers with their last test.
  const state = await prefetchAdmin([
    { query: usageTimeseriesQuery(timeseriesParams(range, "model")), handler: getTimeseries },
    { query: topSpendersQuery(range, spenderScopes(seesEveryone)[0]), handler: getSpend },
    { query: playgroundModelsQuery(), handler: getPlaygroundModels },
    ...(admin ? [{ query: providersQuery(), handler: getProviders }] : []),
  ]);
  return (
    <HydrationBoundary state={state}>
      <DashboardPageClient seesEveryone={seesEveryone} canManage={admin} now={now.toISOString()} />
    </HydrationBoundary>
  );
}
