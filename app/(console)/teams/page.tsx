import { HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { canManage } from "@/lib/auth/rbac";
import { prefetchAdmin } from "@/lib/query/prefetch-admin.server";
import { teamsQuery } from "@/lib/query/teams";
import { GET as getTeams } from "@/lib/teams/teams-route";
import { requireSection } from "../require-section";
import { TeamsPageClient } from "./teams-page-client";

export const metadata: Metadata = { title: "Teams" };

// GET /teams – groups of users that share quotas and reports.
export default async function TeamsPage() {
  const user = await requireSection("teams");
  const state = await prefetchAdmin([{ query: teamsQuery(), handler: getTeams }]);
  return (
    <HydrationBoundary state={state}>
      <TeamsPageClient canEdit={canManage(user.role)} />
    </HydrationBoundary>
  );
}
