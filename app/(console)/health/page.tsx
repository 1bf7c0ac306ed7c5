import { HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { canManage } from "@/lib/auth/rbac";
import { prefetchAdmin } from "@/lib/query/prefetch-admin.server";
import { GET_DEPLOYMENTS, GET_EJECTIONS } from "@/lib/routing/health-route";
import { requireSection } from "../require-section";
import { DEFAULT_WINDOW_MINUTES, deploymentHealthQuery, ejectionsQuery } from "./health-api";
import { HealthPageClient } from "./health-page-client";

export const metadata: Metadata = { title: "Health" };

// GET /health – each deployment's circuit-breaker state, calls, errors and latency, and the ejections (admins and viewers).
export default async function HealthPage() {
  const user = await requireSection("health");
  const state = await prefetchAdmin([
    { query: deploymentHealthQuery(DEFAULT_WINDOW_MINUTES), handler: GET_DEPLOYMENTS },
    { query: ejectionsQuery(), handler: GET_EJECTIONS },
  ]);
  return (
    <HydrationBoundary state={state}>
      <HealthPageClient canEdit={canManage(user.role)} />
    </HydrationBoundary>
  );
}
