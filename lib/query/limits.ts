// Effective limits (quotas, rate limits, key limits) of a key, user or team, and of the signed-in user.
import { queryOptions } from "@tanstack/react-query";
import type { EffectiveLimitsBody } from "@/lib/quotas/schemas";
import { adminRead } from "./fetch-json";
import { queryKeys } from "./query-keys";

export function limitsQuery(scope: "key" | "user" | "team", id: string) {
  return queryOptions({
    queryKey: queryKeys.limits.of(scope, id),
    ...adminRead<EffectiveLimitsBody>(`/api/admin/limits?scope=${scope}&id=${encodeURIComponent(id)}`),
  });
}

/** The signed-in user's own limits; the banner polls it, so a limit reached mid-session shows up. */
export function myLimitsQuery() {
  return queryOptions({
    queryKey: queryKeys.limits.mine(),
    ...adminRead<EffectiveLimitsBody>("/api/admin/me/limits"),
    refetchInterval: 60_000,
  });
}
