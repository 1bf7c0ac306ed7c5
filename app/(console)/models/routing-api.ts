// The model page's read and write of a model's routing (/api/admin/models/{id}/routing). The key
// sits under the models' root, so saving a model's routing also refreshes the table (its provider
// column shows the first deployment).
import { queryOptions } from "@tanstack/react-query";
import type { PutRoutingInput, Routing } from "@/lib/models/routing-schemas";
import { adminRead, fetchJson } from "@/lib/query/fetch-json";

export const routingKeys = {
  of: (modelId: string) => ["models", "routing", modelId] as const,
};

export function routingQuery(modelId: string) {
  return queryOptions({
    queryKey: routingKeys.of(modelId),
    ...adminRead<Routing>(`/api/admin/models/${encodeURIComponent(modelId)}/routing`),
  });
}

export function putRouting(modelId: string, body: PutRoutingInput): Promise<Routing> {
  return fetchJson<Routing>(`/api/admin/models/${encodeURIComponent(modelId)}/routing`, { method: "PUT", body });
}
