// Adding, repricing, attaching to a provider and deleting models. Every change tells the gateways
// to reload their model table.
import type { DbClient } from "../db";
import { db } from "../db";
import { ValidationError } from "../http/errors";
import { rethrowAs } from "../http/prisma-errors";
import { renameModelInKeysAndNotify } from "../keys/rename-model-in-keys";
import { dollarsToMicros } from "../usage/money";
import { publishCatalogChanged } from "./catalog-changed";
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
function priceData(input: Partial<Pick<CreateModelInput, "inputPricePerMTok" | "outputPricePerMTok" | "cachedPricePerMTok">>) {
  return {
    ...(input.inputPricePerMTok !== undefined ? { inputPricePerMTok: dollarsToMicros(input.inputPricePerMTok) } : {}),
    ...(input.outputPricePerMTok !== undefined ? { outputPricePerMTok: dollarsToMicros(input.outputPricePerMTok) } : {}),
    ...(input.cachedPricePerMTok !== undefined
      ? { cachedPricePerMTok: input.cachedPricePerMTok === null ? null : dollarsToMicros(input.cachedPricePerMTok) }
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
  const { inputPricePerMTok, outputPricePerMTok, cachedPricePerMTok, ...rest } = options.input;
  const before = await getModelOrThrow(options);
  await assertProviderInOrg(client, options.orgId, rest.providerId);
  const row = await client.model
    .update({
      where: { id: options.id, orgId: options.orgId },
      data: { ...rest, ...priceData({ inputPricePerMTok, outputPricePerMTok, cachedPricePerMTok }) },
      select: modelSelect,
    })
    .catch(rethrowAs({ ...duplicateName(rest.name), notFound: `Model ${options.id} not found.` }));
  if (rest.name !== undefined && rest.name !== before.name) {
    await renameModelInKeysAndNotify(client, { orgId: options.orgId, from: before.name, to: rest.name });
  }
  await publishCatalogChanged();
  return toModel(row);
}

export async function deleteModel(options: { orgId: string; id: string; client?: DbClient }): Promise<Model> {
  const client = options.client ?? db();
  const model = await getModelOrThrow(options);
  await client.model.delete({ where: { id: model.id } });
  await publishCatalogChanged();
  return model;
}
