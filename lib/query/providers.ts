// Providers: list query options and mutations for /api/admin/providers. The credential is
// write-only: it goes up in `apiKey` and only `hasApiKey` ever comes back.
import { queryOptions } from "@tanstack/react-query";
import { adminRead, fetchJson, toSearch } from "./fetch-json";
import { LIST_PAGE_SIZE, queryKeys } from "./query-keys";
import type { ProviderTestResult } from "@/lib/providers/schemas";
import type { CreateProviderBody, ListResponse, Provider, UpdateProviderBody } from "./types";

export function providersQuery() {
  return queryOptions({
    queryKey: queryKeys.providers.list(),
    ...adminRead<ListResponse<Provider>>(`/api/admin/providers${toSearch({ pageSize: LIST_PAGE_SIZE })}`),
  });
}

export function createProvider(input: CreateProviderBody): Promise<Provider> {
  return fetchJson<Provider>("/api/admin/providers", { method: "POST", body: input });
}

/** Omit apiKey to keep the stored credential. */
export function updateProvider(id: string, input: UpdateProviderBody): Promise<Provider> {
  return fetchJson<Provider>(`/api/admin/providers/${encodeURIComponent(id)}`, { method: "PATCH", body: input });
}

export function deleteProvider(id: string): Promise<void> {
  return fetchJson<void>(`/api/admin/providers/${encodeURIComponent(id)}`, { method: "DELETE" });
}

/** "Test connection": the provider's free models listing; the result also becomes its `lastTest`. */
export function testProvider(id: string): Promise<ProviderTestResult> {
  return fetchJson<ProviderTestResult>(`/api/admin/providers/${encodeURIComponent(id)}/test`, { method: "POST" });
}
