// Body capture settings: which keys and teams have it on.
import { queryOptions } from "@tanstack/react-query";
import type { CaptureSetting } from "@/lib/capture/schemas";
import { adminRead, fetchJson, toSearch } from "./fetch-json";
import { queryKeys } from "./query-keys";
import type { ListResponse } from "./types";

export function captureSettingsQuery() {
  return queryOptions({
    queryKey: queryKeys.capture.list(),
    ...adminRead<ListResponse<CaptureSetting>>("/api/admin/capture-settings"),
  });
}

export function putCaptureSetting(body: { scope: "key" | "team"; scopeId: string; retentionHours: number }): Promise<CaptureSetting> {
  return fetchJson<CaptureSetting>("/api/admin/capture-settings", { method: "PUT", body });
}

export function deleteCaptureSetting(scope: "key" | "team", scopeId: string): Promise<CaptureSetting> {
  return fetchJson<CaptureSetting>(`/api/admin/capture-settings${toSearch({ scope, scopeId })}`, { method: "DELETE" });
}
