// Models and prices: list query options and mutations for /api/admin/models, plus the subset the
// signed-in user may try in the playground (enabled and attached to a provider).
import { queryOptions } from "@tanstack/react-query";
import { adminRead, fetchJson, toSearch } from "./fetch-json";
import { LIST_PAGE_SIZE, queryKeys } from "./query-keys";
import type { CreateModelBody, ListResponse, Model, UpdateModelBody } from "./types";

export function modelsQuery() {
  return queryOptions({
    queryKey: queryKeys.models.list(),
    ...adminRead<ListResponse<Model>>(`/api/admin/models${toSearch({ pageSize: LIST_PAGE_SIZE })}`),
  });
}

export function playgroundModelsQuery() {
  return queryOptions({
    queryKey: queryKeys.models.playground(),
    ...adminRead<ListResponse<Model>>("/api/admin/playground/models"),
  });
}

/** Prices are dollars per 1M tokens; `providerId: null` leaves a price-list row unattached. */
export function createModel(input: CreateModelBody): Promise<Model> {
  return fetchJson<Model>("/api/admin/models", { method: "POST", body: input });
}

export function updateModel(id: string, input: UpdateModelBody): Promise<Model> {
  return fetchJson<Model>(`/api/admin/models/${encodeURIComponent(id)}`, { method: "PATCH", body: input });
}

export function deleteModel(id: string): Promise<void> {
  return fetchJson<void>(`/api/admin/models/${encodeURIComponent(id)}`, { method: "DELETE" });
}

/** One provider for several models without one (the seeded price list), all or none. */
export function attachModels(input: { modelIds: string[]; providerId: string }): Promise<{ data: Model[] }> {
  return fetchJson<{ data: Model[] }>("/api/admin/models/attach", { method: "POST", body: input });
}
