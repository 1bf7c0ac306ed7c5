// The Health page's reads (/api/admin/health/deployments, /api/admin/health/ejections) and its
// writes: an admin drains, disables or re-activates a deployment (PATCH /api/admin/deployments/{id}),
// or restores an ejected one at once (POST /api/admin/deployments/{id}/restore).
import { queryOptions } from "@tanstack/react-query";
import type { Deployment, PatchDeploymentInput } from "@/lib/models/routing-schemas";
import type { DeploymentHealth, DeploymentRestore, Ejection } from "@/lib/routing/health-schemas";
import type { DeploymentAdminState } from "@/lib/routing/types";
import { adminRead, fetchJson, toSearch } from "@/lib/query/fetch-json";
import type { ListResponse } from "@/lib/query/types";

/** How often the page re-reads while open: ejections last 30 s and up, so a few seconds is enough to see them come and go. */
export const HEALTH_REFRESH_MS = 5_000;
export const EJECTIONS_SHOWN = 50;
/** The page opens on the last hour, as the issue asks; the server page prefetches that window. */
export const DEFAULT_WINDOW_MINUTES = 60;

export const healthKeys = {
  all: ["health"] as const,
  deployments: (windowMinutes: number) => ["health", "deployments", windowMinutes] as const,
  ejections: () => ["health", "ejections"] as const,
};

export function deploymentHealthQuery(windowMinutes: number) {
  return queryOptions({
    queryKey: healthKeys.deployments(windowMinutes),
    ...adminRead<DeploymentHealth[]>(`/api/admin/health/deployments${toSearch({ windowMinutes })}`),
    refetchInterval: HEALTH_REFRESH_MS,
    placeholderData: (previous) => previous,
  });
}

export function ejectionsQuery() {
  return queryOptions({
    queryKey: healthKeys.ejections(),
    ...adminRead<ListResponse<Ejection>>(`/api/admin/health/ejections${toSearch({ limit: EJECTIONS_SHOWN })}`),
    refetchInterval: HEALTH_REFRESH_MS,
  });
}

export function setDeploymentState(id: string, state: DeploymentAdminState): Promise<Deployment> {
  const body: PatchDeploymentInput = { state };
  return fetchJson<Deployment>(`/api/admin/deployments/${encodeURIComponent(id)}`, { method: "PATCH", body });
}

export function restoreDeployment(id: string): Promise<DeploymentRestore> {
  return fetchJson<DeploymentRestore>(`/api/admin/deployments/${encodeURIComponent(id)}/restore`, { method: "POST" });
}
