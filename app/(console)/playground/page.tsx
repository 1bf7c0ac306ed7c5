import { HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { canManage, canWrite } from "@/lib/auth/rbac";
import { GET as getPlaygroundModels } from "@/lib/models/playground-models-route";
import { playgroundModelsQuery } from "@/lib/query/models";
import { prefetchAdmin } from "@/lib/query/prefetch-admin.server";
import { requireSection } from "../require-section";
import { PlaygroundPageClient } from "./playground-page-client";

export const metadata: Metadata = { title: "Playground" };

// GET /playground – chat with any enabled model through the gateway, with tokens, cost and latency.
export default async function PlaygroundPage() {
  const user = await requireSection("playground");
  const state = await prefetchAdmin([{ query: playgroundModelsQuery(), handler: getPlaygroundModels }]);
  return (
    <HydrationBoundary state={state}>
      <PlaygroundPageClient canManageModels={canManage(user.role)} canCall={canWrite(user.role)} />
    </HydrationBoundary>
  );
}
