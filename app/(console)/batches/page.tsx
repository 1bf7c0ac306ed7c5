import { HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { canReadAll, canWrite } from "@/lib/auth/rbac";
import { GET as listBatches } from "@/lib/batches/admin-batches-route";
import { prefetchAdmin } from "@/lib/query/prefetch-admin.server";
import { requireSection } from "../require-section";
import { BatchesPageClient } from "./batches-page-client";
import { batchesQuery } from "./batches-api";

export const metadata: Metadata = { title: "Batches" };

// GET /batches – batches with their progress, cost so far, cancel and downloads (admins and viewers: all; developers: their own).
export default async function BatchesPage() {
  const user = await requireSection("batches");
  const state = await prefetchAdmin([{ query: batchesQuery(1), handler: listBatches }]);
  return (
    <HydrationBoundary state={state}>
      <BatchesPageClient seesEveryone={canReadAll(user.role)} canCancel={canWrite(user.role)} />
    </HydrationBoundary>
  );
}
