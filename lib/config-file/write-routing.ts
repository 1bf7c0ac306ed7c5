// A model's routing as the file says, inside the apply's transaction: what PUT
// /api/admin/models/{id}/routing stores (lib/models/routing-mutations.ts), on the transaction's
// client. Deployments are kept by provider and upstream model, so their ids, health and history
// survive a re-apply; those no longer listed are removed.
import type { DbClient } from "../db";
import { refreshPrimaryDeployment } from "../models/deployment-mirror";
import { dollarsToMicros } from "../usage/money";
import type { RoutingSpec } from "./config-types";

const column = (field: string, value: unknown) => (/PricePerMTok$/.test(field) && typeof value === "number" ? dollarsToMicros(value) : value);

export async function writeRouting(tx: DbClient, options: { orgId: string; modelId: string; routing: RoutingSpec; providerIds: Map<string, string> }): Promise<void> {
  const { orgId, modelId, routing, providerIds } = options;
  const existing = await tx.deployment.findMany({ where: { modelId }, select: { id: true, providerId: true, upstreamModel: true } });
  const unclaimed = new Map(existing.map((d) => [d.id, d]));
  const rows = routing.deployments.map((d, position) => {
    const providerId = providerIds.get(d.provider);
    if (!providerId) throw new Error(`provider ${d.provider} was not found while writing the routing of a model`); // checked before the transaction
    const data = Object.fromEntries(Object.entries(d.fields).map(([field, value]) => [field, column(field, value)]));
    const match = [...unclaimed.values()].find((e) => e.providerId === providerId && e.upstreamModel === d.fields.upstreamModel);
    if (match) unclaimed.delete(match.id);
    return { id: match?.id ?? null, data: { ...data, providerId, position } };
  });
  if (unclaimed.size > 0) await tx.deployment.deleteMany({ where: { id: { in: [...unclaimed.keys()] } } });
  for (const row of rows) {
    // The fields are the routing API's deployment fields, which are the Deployment table's columns.
    const data = row.data as Parameters<DbClient["deployment"]["update"]>[0]["data"];
    if (row.id) await tx.deployment.update({ where: { id: row.id }, data });
    else await tx.deployment.create({ data: { ...(data as object), orgId, modelId } as Parameters<DbClient["deployment"]["create"]>[0]["data"] });
  }
  await tx.model.update({
    where: { id: modelId },
    data: {
      routingStrategy: routing.strategy,
      maxRetries: routing.maxRetries,
      fallbackModels: JSON.stringify(routing.fallbackModels),
      timeoutMs: routing.timeoutMs,
      queueTimeoutMs: routing.queueTimeoutMs,
      router: routing.router === null ? null : JSON.stringify(routing.router),
    },
  });
  await refreshPrimaryDeployment(tx, modelId);
}
