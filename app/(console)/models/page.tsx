import { HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { canManage } from "@/lib/auth/rbac";
import { GET as getModels } from "@/lib/models/models-route";
import { modelsQuery } from "@/lib/query/models";
import { prefetchAdmin } from "@/lib/query/prefetch-admin.server";
import { requireSection } from "../require-section";
import { ModelsPageClient } from "./models-page-client";

export const metadata: Metadata = { title: "Models" };

// GET /models – public model names, the provider serving each, and their prices.
export default async function ModelsPage() {
  const user = await requireSection("models");
  // The provider list feeds only the edit dialogs, which fetch it when opened.
  const state = await prefetchAdmin([{ query: modelsQuery(), handler: getModels }]);
  return (
    <HydrationBoundary state={state}>
      <ModelsPageClient canEdit={canManage(user.role)} />
    </HydrationBoundary>
  );
}
