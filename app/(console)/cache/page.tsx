import { HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { canManage } from "@/lib/auth/rbac";
import { GET as readSettings } from "@/lib/cache/settings-route";
import { GET as readStats } from "@/lib/cache/stats-route";
import { GET as listWarmups } from "@/lib/cache-warmup/warmups-route";
import { resolveDateRange } from "@/lib/charts/date-range";
import { prefetchAdmin } from "@/lib/query/prefetch-admin.server";
import { requireSection } from "../require-section";
import { CachePageClient } from "./cache-page-client";
import { cacheTabOf } from "./cache-tab-list";
import { cacheSettingsQuery, cacheStatsQuery, DEFAULT_STATS_RANGE, warmupJobsQuery } from "./cache-api";

export const metadata: Metadata = { title: "Cache" };

// GET /cache – the response cache: stats, settings, entries, shadow-mode pairs and warm-up jobs.
export default async function CachePage({ searchParams }: { searchParams: Promise<{ tab?: string }> }) {
  const user = await requireSection("cache");
  const tab = cacheTabOf((await searchParams).tab);
  // The stats panel resolves its default range at this same instant, so it asks for the prefetched key.
  const now = new Date();
  const range = resolveDateRange(DEFAULT_STATS_RANGE, now)!;
  const state = await prefetchAdmin([
    { query: cacheSettingsQuery(), handler: readSettings },
    { query: cacheStatsQuery({ from: range.from, to: range.to }), handler: readStats },
    { query: warmupJobsQuery(), handler: listWarmups },
  ]);
  return (
    <HydrationBoundary state={state}>
      <CachePageClient canEdit={canManage(user.role)} initialTab={tab} now={now.toISOString()} />
    </HydrationBoundary>
  );
}
