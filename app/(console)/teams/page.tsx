import { HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { canManage } from "@/lib/auth/rbac";
import { GET as getCaptureSettings } from "@/lib/capture/capture-settings-route";
import { captureSettingsQuery } from "@/lib/query/capture";
import { prefetchAdmin } from "@/lib/query/prefetch-admin.server";
import { withMonthSpend } from "@/lib/query/prefetch-spend.server";
import { teamsQuery } from "@/lib/query/teams";
import { GET as getTeams } from "@/lib/teams/teams-route";
import { requireSection } from "../require-section";
import { TeamsPageClient } from "./teams-page-client";

export const metadata: Metadata = { title: "Teams" };

// GET /teams – groups of users that share quotas and reports.
export default async function TeamsPage() {
  const user = await requireSection("teams");
  // Capture settings: the "capture on" badge of a team.
  const listed = await prefetchAdmin([
    { query: teamsQuery(), handler: getTeams },
    { query: captureSettingsQuery(), handler: getCaptureSettings },
  ]);
  // Then the spend this month of the teams listed.
  const state = await withMonthSpend(listed, teamsQuery(), "team");
  return (
    <HydrationBoundary state={state}>
      <TeamsPageClient canEdit={canManage(user.role)} />
    </HydrationBoundary>
  );
}
