// Adding, repricing, attaching to a provider and deleting models. Every change tells the gateways
// to reload their model table. `providerId` and `upstreamModel` name the model's primary deployment
// (docs/routing.md): setting them creates or changes that deployment; the others are the routing API's.
import type { DbClient } from "../db";
import { db } from "../db";
import { ConflictError, ValidationError } from "../http/errors";
import { rethrowAs } from "../http/prisma-errors";
import { renameModelInKeysAndNotify } from "../keys/rename-model-in-keys";
import { dollarsToMicros } from "../usage/money";
import { publishCatalogChanged } from "./catalog-changed";
import { refreshPrimaryDeployment } from "./deployment-mirror";
import { DEPLOYMENT_ORDER } from "./routing-queries";
import { getModelOrThrow, modelSelect, toModel } from "./model-queries";
import type { CreateModelInput, Model, UpdateModelInput } from "./schemas";

const duplicateName = (name: string | undefined) => ({
  conflict: { message: `A model named "${name}" already exists.`, field: "name" },
});

async function assertProviderInOrg(client: DbClient, orgId: string, providerId: string | null | undefined): Promise<void> {
  if (!providerId) return;
  const provider = await client.provider.findFirst({ where: { id: providerId, orgId }, select: { id: true } });
  if (!provider) throw new ValidationError(`providerId: provider ${providerId} does not exist.`, "providerId");
}

/** The input's prices in micro-dollars; only the fields present are converted. */
function priceData(input: Partial<Pick<CreateModelInput, "inputPricePerMTok" | "outputPricePerMTok" | "cachedPricePerMTok" | "cacheWritePricePerMTok">>) {
  return {
    ...(input.inputPricePerMTok !== undefined ? { inputPricePerMTok: dollarsToMicros(input.inputPricePerMTok) } : {}),
    ...(input.outputPricePerMTok !== undefined ? { outputPricePerMTok: dollarsToMicros(input.outputPricePerMTok) } : {}),
    ...(input.cachedPricePerMTok !== undefined
      ? { cachedPricePerMTok: input.cachedPricePerMTok === null ? null : dollarsToMicros(input.cachedPricePerMTok) }
      : {}),
    ...(input.cacheWritePricePerMTok !== undefined
      ? { cacheWritePricePerMTok: input.cacheWritePricePerMTok === null ? null : dollarsToMicros(input.cacheWritePricePerMTok) }
      : {}),
  };
}

export async function createModel(options: { orgId: string; input: CreateModelInput; client?: DbClient }): Promise<Model> {
  const client = options.client ?? db();
  const { input } = options;
  await assertProviderInOrg(client, options.orgId, input.providerId);
  const row = await client.model
    .create({
      data: {
        orgId: options.orgId,
        name: input.name,
        providerId: input.providerId ?? null,
        upstreamModel: input.upstreamModel,
        ...priceData(input),
        contextWindow: input.contextWindow ?? null,
        maxOutputTokens: input.maxOutputTokens ?? null,
        enabled: input.enabled,
        batchDiscountPercent: input.batchDiscountPercent ?? null,
        ...(input.providerId ? { deployments: { create: { orgId: options.orgId, providerId: input.providerId, upstreamModel: input.upstreamModel } } } : {}),
      },
      select: modelSelect,
    })
    .catch(rethrowAs(duplicateName(input.name)));
  await publishCatalogChanged();
  return toModel(row);
}

export async function updateModel(options: {
  orgId: string;
  id: string;
  input: UpdateModelInput;
  client?: DbClient;
}): Promise<Model> {
  const client = options.client ?? db();
  const { inputPricePerMTok, outputPricePerMTok, cachedPricePerMTok, cacheWritePricePerMTok, ...rest } = options.input;
  const before = await getModelOrThrow(options);
  await assertProviderInOrg(client, options.orgId, rest.providerId);
  if (rest.providerId === null) {
    const deployments = await client.deployment.count({ where: { modelId: before.id } });
    if (deployments > 1) {
      throw new ConflictError(`providerId: this model has ${deployments} deployments; change them with PUT /api/admin/models/${before.id}/routing.`, "providerId");
    }
  }
  const row = await client.model
    .update({
      where: { id: options.id, orgId: options.orgId },
      data: { ...rest, ...priceData({ inputPricePerMTok, outputPricePerMTok, cachedPricePerMTok, cacheWritePricePerMTok }) },
      select: modelSelect,
    })
    .catch(rethrowAs({ ...duplicateName(rest.name), notFound: `Model ${options.id} not found.` }));
  if (rest.name !== undefined && rest.name !== before.name) {
    await renameModelInKeysAndNotify(client, { orgId: options.orgId, from: before.name, to: rest.name });
  }
  if (rest.providerId !== undefined || rest.upstreamModel !== undefined) {
    await syncPrimaryDeployment(client, options.orgId, row.id, { providerId: rest.providerId, upstreamModel: rest.upstreamModel ?? row.upstreamModel });
    await publishCatalogChanged();
    return getModelOrThrow({ orgId: options.orgId, id: row.id, client });
  }
  await publishCatalogChanged();
  return toModel(row);
}

/**
 * The model API's providerId/upstreamModel edit the primary deployment: attach (create it), move it to
 * another provider or upstream model, or detach (remove it, when it is the only one).
 */
async function syncPrimaryDeployment(client: DbClient, orgId: string, modelId: string, change: { providerId: string | null | undefined; upstreamModel: string }): Promise<void> {
  const deployments = await client.deployment.findMany({ where: { modelId }, orderBy: [...DEPLOYMENT_ORDER], select: { id: true } });
  if (change.providerId === null) {
    await client.deployment.deleteMany({ where: { modelId } });
  } else if (deployments.length === 0) {
    if (change.providerId) await client.deployment.create({ data: { orgId, modelId, providerId: change.providerId, upstreamModel: change.upstreamModel } });
  } else {
    await client.deployment.update({
      where: { id: deployments[0].id },
      data: { upstreamModel: change.upstreamModel, ...(change.providerId ? { providerId: change.providerId } : {}) },
    });
  }
  await refreshPrimaryDeployment(client, modelId);
}

export async function deleteModel(options: { orgId: string; id: string; client?: DbClient }): Promise<Model> {
  const client = options.client ?? db();
  const model = await getModelOrThrow(options);
  await client.model.delete({ where: { id: model.id } });
  await publishCatalogChanged();
  return model;
}
