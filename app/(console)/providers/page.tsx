import { HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { canManage } from "@/lib/auth/rbac";
import { GET as getProviders } from "@/lib/providers/providers-route";
import { prefetchAdmin } from "@/lib/query/prefetch-admin.server";
import { providersQuery } from "@/lib/query/providers";
import { requireSection } from "../require-section";
import { ProvidersPageClient } from "./providers-page-client";

export const metadata: Metadata = { title: "Providers" };

// GET /providers – upstream LLM providers and their (write-only) credentials.
export default async function ProvidersPage() {
  const user = await requireSection("providers");
  const state = await prefetchAdmin([{ query: providersQuery(), handler: getProviders }]);
  return (
    <HydrationBoundary state={state}>
      <ProvidersPageClient canEdit={canManage(user.role)} />
    </HydrationBoundary>
  );
}
