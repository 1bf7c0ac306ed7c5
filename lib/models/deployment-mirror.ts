// Model.providerId and Model.upstreamModel name a model's primary deployment (the first by priority,
// then position): the columns the model list, its provider filter and the providers' model counts
// read. They are kept in step here whenever deployments change; routing reads the deployments.
import type { DbClient } from "../db";
import { DEPLOYMENT_ORDER } from "./routing-queries";

export async function refreshPrimaryDeployment(client: DbClient, modelId: string): Promise<void> {
  const primary = await client.deployment.findFirst({ where: { modelId }, orderBy: [...DEPLOYMENT_ORDER], select: { providerId: true, upstreamModel: true } });
  await client.model.update({
    where: { id: modelId },
    data: primary ? { providerId: primary.providerId, upstreamModel: primary.upstreamModel } : { providerId: null },
  });
}

/** After a provider's deployments were deleted with it: the models they served get a new primary. */
export async function refreshModelsOf(client: DbClient, modelIds: readonly string[]): Promise<void> {
  for (const modelId of new Set(modelIds)) {
    const exists = await client.model.findUnique({ where: { id: modelId }, select: { id: true } });
    if (exists) await refreshPrimaryDeployment(client, modelId);
  }
}
