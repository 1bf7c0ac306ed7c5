import { HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { canManage } from "@/lib/auth/rbac";
import { env } from "@/lib/env";
import { prefetchAdmin } from "@/lib/query/prefetch-admin.server";
import { withMonthSpend } from "@/lib/query/prefetch-spend.server";
import { teamsQuery } from "@/lib/query/teams";
import { usersQuery } from "@/lib/query/users";
import { GET as getTeams } from "@/lib/teams/teams-route";
import { GET as getUsers } from "@/lib/users/users-route";
import { requireSection } from "../require-section";
import { UsersPageClient } from "./users-page-client";

export const metadata: Metadata = { title: "Users" };

// GET /users – people in the organization, their role, tier and team.
export default async function UsersPage() {
  const user = await requireSection("users");
  // The team filter's options come with the list, so the filter bar is complete on first paint too.
  const listed = await prefetchAdmin([
    { query: usersQuery(), handler: getUsers },
    { query: teamsQuery(), handler: getTeams },
  ]);
  // Then the spend this month of the users listed.
  const state = await withMonthSpend(listed, usersQuery(), "user");
  return (
    <HydrationBoundary state={state}>
      <UsersPageClient canEdit={canManage(user.role)} currentUserId={user.id} passwordMinLength={env().PASSWORD_MIN_LENGTH} />
    </HydrationBoundary>
  );
}
