import { HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { canManage } from "@/lib/auth/rbac";
import { GET as listWarmups } from "@/lib/cache-warmup/warmups-route";
import { prefetchAdmin } from "@/lib/query/prefetch-admin.server";
import { requireSection } from "../require-section";
import { CachePageClient } from "./cache-page-client";
import { cacheTabOf } from "./cache-tab-list";
import { warmupJobsQuery } from "./cache-api";

export const metadata: Metadata = { title: "Cache" };

// GET /cache – the response cache: stats, settings, entries, shadow-mode pairs and warm-up jobs.
export default async function CachePage({ searchParams }: { searchParams: Promise<{ tab?: string }> }) {
  const user = await requireSection("cache");
  const tab = cacheTabOf((await searchParams).tab);
  const now = new Date();
  const state = await prefetchAdmin([{ query: warmupJobsQuery(), handler: listWarmups }]);
  return (
    <HydrationBoundary state={state}>
      <CachePageClient canEdit={canManage(user.role)} initialTab={tab} now={now.toISOString()} />
    </HydrationBoundary>
  );
}
