// The quotas page's reads and writes of /api/admin/quotas and /api/admin/rate-limits, with its own
// query keys (all start with "quotas", so one invalidation refreshes lists and usage bars). Reads are
// built with adminRead, so page.tsx prefetches the lists on the server like every console page.
import { queryOptions } from "@tanstack/react-query";
import type { z } from "zod";
import type { Quota, QuotaStatus, upsertQuotaSchema } from "@/lib/quotas/schemas";
import type { RateLimit, upsertRateLimitSchema } from "@/lib/rate-limits/schemas";
import { apiErrorFromResponse } from "@/lib/query/api-error";
import { adminRead, fetchJson, toSearch } from "@/lib/query/fetch-json";
import { LIST_PAGE_SIZE } from "@/lib/query/query-keys";
import type { ListResponse } from "@/lib/query/types";

export type UpsertQuotaBody = z.input<typeof upsertQuotaSchema>;
export type UpsertRateLimitBody = z.input<typeof upsertRateLimitSchema>;
export type StatusScope = QuotaStatus["scope"];

export const quotaKeys = {
  all: ["quotas"] as const,
  list: () => ["quotas", "list"] as const,
  rateLimits: () => ["quotas", "rate-limits"] as const,
  status: (scope: StatusScope, scopeId: string) => ["quotas", "status", scope, scopeId] as const,
};

export function quotasQuery() {
  return queryOptions({
    queryKey: quotaKeys.list(),
    ...adminRead<ListResponse<Quota>>(`/api/admin/quotas${toSearch({ pageSize: LIST_PAGE_SIZE })}`),
  });
}

export function rateLimitsQuery() {
  return queryOptions({
    queryKey: quotaKeys.rateLimits(),
    ...adminRead<ListResponse<RateLimit>>(`/api/admin/rate-limits${toSearch({ pageSize: LIST_PAGE_SIZE })}`),
  });
}

export function quotaStatusQuery(scope: StatusScope, scopeId: string) {
  return queryOptions({
    queryKey: quotaKeys.status(scope, scopeId),
    ...adminRead<QuotaStatus>(`/api/admin/quotas/status${toSearch({ scope, scopeId })}`),
    enabled: scopeId !== "",
    // Usage moves while the page is open.
    refetchInterval: 15_000,
  });
}

/** PUT is an upsert; the shared fetchJson speaks GET/POST/PATCH/DELETE only. */
async function putJson<T>(path: string, body: unknown): Promise<T> {
  const response = await fetch(path, {
    method: "PUT",
    credentials: "same-origin",
    headers: { accept: "application/json", "content-type": "application/json" },
    body: JSON.stringify(body),
    cache: "no-store",
  });
  if (!response.ok) throw await apiErrorFromResponse(response);
  return (await response.json()) as T;
}

export function putQuota(body: UpsertQuotaBody): Promise<Quota> {
  return putJson<Quota>("/api/admin/quotas", body);
}

export function deleteQuota(id: string): Promise<Quota> {
  return fetchJson<Quota>(`/api/admin/quotas/${encodeURIComponent(id)}`, { method: "DELETE" });
}

export function putRateLimit(body: UpsertRateLimitBody): Promise<RateLimit> {
  return putJson<RateLimit>("/api/admin/rate-limits", body);
}

export function deleteRateLimit(id: string): Promise<RateLimit> {
  return fetchJson<RateLimit>(`/api/admin/rate-limits/${encodeURIComponent(id)}`, { method: "DELETE" });
}
