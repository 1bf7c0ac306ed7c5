// API keys: list query options and mutations for /api/admin/keys. DELETE revokes (the row stays,
// with status "revoked"). The API scopes developers to their own keys.
import { queryOptions } from "@tanstack/react-query";
import { adminRead, fetchJson, toSearch } from "./fetch-json";
import { LIST_PAGE_SIZE, queryKeys, type KeyFilters } from "./query-keys";
import type { ApiKey, CreateKeyBody, CreatedApiKey, ListResponse, UpdateKeyBody } from "./types";

export function keysQuery(filters: KeyFilters = {}) {
  return queryOptions({
    queryKey: queryKeys.keys.list(filters),
    ...adminRead<ListResponse<ApiKey>>(`/api/admin/keys${toSearch({ ...filters, pageSize: LIST_PAGE_SIZE })}`),
  });
}

/** The answer carries the plaintext `key`, which is never returned again. */
export function createKey(input: CreateKeyBody): Promise<CreatedApiKey> {
  return fetchJson<CreatedApiKey>("/api/admin/keys", { method: "POST", body: input });
}

/** Renames a key or changes its models, expiry, cache opt-out or concurrency (a developer only narrows). */
export function updateKey(id: string, input: UpdateKeyBody): Promise<ApiKey> {
  return fetchJson<ApiKey>(`/api/admin/keys/${encodeURIComponent(id)}`, { method: "PATCH", body: input });
}

export function revokeKey(id: string): Promise<void> {
  return fetchJson<void>(`/api/admin/keys/${encodeURIComponent(id)}`, { method: "DELETE" });
}
