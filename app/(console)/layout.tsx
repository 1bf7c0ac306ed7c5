import { HydrationBoundary } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { ConsoleShell } from "@/components/layout/console-shell";
import { requireSessionUser } from "@/lib/auth/session";
import { myLimitsQuery } from "@/lib/query/limits";
import { prefetchAdmin } from "@/lib/query/prefetch-admin.server";
import { GET_ME as getMyLimits } from "@/lib/quotas/limits-route";

// Every console page needs the signed-in user (nav, role-dependent actions); nothing here can be
// prerendered.
export const dynamic = "force-dynamic";

export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const user = await requireSessionUser();
  // The near-limit banner on every page reads the user's own limits: rendered with them, not after a fetch.
  const state = await prefetchAdmin([{ query: myLimitsQuery(), handler: getMyLimits }]);
  return (
    <HydrationBoundary state={state}>
      <ConsoleShell user={user}>{children}</ConsoleShell>
    </HydrationBoundary>
  );
}
