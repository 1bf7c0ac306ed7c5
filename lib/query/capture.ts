// Body capture settings: which keys and teams have it on.
import { queryOptions } from "@tanstack/react-query";
import type { CaptureSetting } from "@/lib/capture/schemas";
import { adminRead } from "./fetch-json";
import { queryKeys } from "./query-keys";
import type { ListResponse } from "./types";

export function captureSettingsQuery() {
  return queryOptions({
    queryKey: queryKeys.capture.list(),
    ...adminRead<ListResponse<CaptureSetting>>("/api/admin/capture-settings"),
  });
}
