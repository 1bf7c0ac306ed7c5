// The Batches page's reads and writes of /api/admin/batches.
import { queryOptions } from "@tanstack/react-query";
import type { ConsoleBatch } from "@/lib/batches/schemas";
import { adminRead, fetchJson, toSearch } from "@/lib/query/fetch-json";
import type { ListResponse } from "@/lib/query/types";

export const BATCH_PAGE_SIZE = 20;

export const batchKeys = {
  all: ["batches"] as const,
  list: (page: number) => ["batches", "list", page] as const,
};

const RUNNING = new Set(["validating", "in_progress", "finalizing", "cancelling"]);

export function isRunning(batch: ConsoleBatch): boolean {
  return RUNNING.has(batch.status);
}

/** Refreshes every second while a batch on the page is still running. */
export function batchesQuery(page: number) {
  return queryOptions({
    queryKey: batchKeys.list(page),
    ...adminRead<ListResponse<ConsoleBatch>>(`/api/admin/batches${toSearch({ page, pageSize: BATCH_PAGE_SIZE })}`),
    refetchInterval: (query) => (query.state.data?.data.some(isRunning) ? 1000 : false),
    placeholderData: (previous) => previous,
  });
}

export function cancelBatch(id: string): Promise<ConsoleBatch> {
  return fetchJson<ConsoleBatch>(`/api/admin/batches/${encodeURIComponent(id)}/cancel`, { method: "POST" });
}

export function batchFileUrl(id: string, kind: "input" | "output" | "error"): string {
  return `/api/admin/batches/${encodeURIComponent(id)}/files/${kind}`;
}
