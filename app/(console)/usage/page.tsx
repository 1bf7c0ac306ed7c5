import { HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { canReadAll } from "@/lib/auth/rbac";
import { GET as getKeys } from "@/lib/keys/keys-route";
import { GET as getModels } from "@/lib/models/models-route";
import { keysQuery } from "@/lib/query/keys";
import { modelsQuery } from "@/lib/query/models";
import { prefetchAdmin, type AdminPrefetch } from "@/lib/query/prefetch-admin.server";
import { defaultUsageRange, USAGE_PAGE_SIZE, usageRecordsQuery } from "@/lib/query/usage";
import { teamsQuery } from "@/lib/query/teams";
import { usersQuery } from "@/lib/query/users";
import { GET as getTeams } from "@/lib/teams/teams-route";
import { RECORDS_FALLBACK } from "@/lib/usage/usage-filters";
import { GET as getUsage } from "@/lib/usage/usage-route";
import { GET as getUsers } from "@/lib/users/users-route";
import { requireSection } from "../require-section";
import { UsagePageClient } from "./usage-page-client";

export const metadata: Metadata = { title: "Usage" };

// GET /usage – the call log: every call through the gateway (refusals included), filterable, with a detail drawer per call.
export default async function UsagePage() {
  const user = await requireSection("usage");
  const seesEveryone = canReadAll(user.role);
  // The client resolves its default range at this same instant, so it asks for the prefetched key.
  const now = new Date();
  const { from, to } = defaultUsageRange(now);
  const prefetches: AdminPrefetch[] = [
    { query: usageRecordsQuery({ from, to, limit: USAGE_PAGE_SIZE }), handler: getUsage },
    // The filter bar's options: models, keys and (for those who see everyone) users and teams.
    { query: modelsQuery(), handler: getModels },
    { query: keysQuery(), handler: getKeys },
  ];
  if (seesEveryone) prefetches.push({ query: usersQuery(), handler: getUsers }, { query: teamsQuery(), handler: getTeams });
  const state = await prefetchAdmin(prefetches);
  return (
    <HydrationBoundary state={state}>
      <UsagePageClient seesEveryone={seesEveryone} recordsFallback={RECORDS_FALLBACK} now={now.toISOString()} />
    </HydrationBoundary>
  );
}
