// Creating, changing and deleting providers. API keys are sealed with the Tollgate secret before
// they touch the database. Every change tells the gateways to reload their model table.
import type { DbClient } from "../db";
import { db } from "../db";
import { encryptSecret } from "../crypto/secret-box";
import { tollgateSecret } from "../crypto/tollgate-secret";
import { ValidationError } from "../http/errors";
import { rethrowAs } from "../http/prisma-errors";
import { refreshModelsOf } from "../models/deployment-mirror";
import { publishCatalogChanged } from "../models/catalog-changed";
import { assertOutboundUrl } from "../net/outbound-url";
import { assertCredentialStays } from "./credential-origin";
import { getProviderOrThrow, providerSelect, toProvider } from "./provider-queries";
import type { CreateProviderInput, Provider, UpdateProviderInput } from "./schemas";

const duplicateName = (name: string | undefined) => ({
  conflict: { message: `A provider named "${name}" already exists.`, field: "name" },
});

export async function createProvider(options: { orgId: string; input: CreateProviderInput; client?: DbClient }): Promise<Provider> {
  const client = options.client ?? db();
  const { input } = options;
  if (input.baseUrl) assertOutboundUrl(input.baseUrl, "baseUrl");
  const row = await client.provider
    .create({
      data: {
        orgId: options.orgId,
        name: input.name,
        kind: input.kind,
        baseUrl: input.baseUrl ?? null,
        encryptedApiKey: encryptSecret(input.apiKey, tollgateSecret()),
      },
      select: providerSelect,
    })
    .catch(rethrowAs(duplicateName(input.name)));
  await publishCatalogChanged();
  return toProvider(row);
}

export async function updateProvider(options: {
  orgId: string;
  id: string;
  input: UpdateProviderInput;
  client?: DbClient;
}): Promise<Provider> {
  const client = options.client ?? db();
  const { input } = options;
  const current = await getProviderOrThrow(options);
  const kind = input.kind ?? current.kind;
  const baseUrl = input.baseUrl !== undefined ? input.baseUrl : current.baseUrl;
  if (kind === "openai-compatible" && !baseUrl) {
    throw new ValidationError("baseUrl: required for openai-compatible providers.", "baseUrl");
  }
  if (input.baseUrl) assertOutboundUrl(input.baseUrl, "baseUrl");
  assertCredentialStays({ before: current, after: { kind, baseUrl }, newApiKey: input.apiKey !== undefined });
  const row = await client.provider
    .update({
      where: { id: current.id },
      data: {
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.kind !== undefined ? { kind: input.kind } : {}),
        ...(input.baseUrl !== undefined ? { baseUrl: input.baseUrl } : {}),
        ...(input.apiKey !== undefined ? { encryptedApiKey: encryptSecret(input.apiKey, tollgateSecret()) } : {}),
      },
      select: providerSelect,
    })
    .catch(rethrowAs(duplicateName(input.name)));
  await publishCatalogChanged();
  return toProvider(row);
}

/** Deletes a provider; its models stay in the catalog without a provider (not routable). */
export async function deleteProvider(options: { orgId: string; id: string; client?: DbClient }): Promise<Provider> {
  const client = options.client ?? db();
  const provider = await getProviderOrThrow(options);
  // Its deployments go with it; the models they served get their next deployment as the primary one.
  const served = await client.deployment.findMany({ where: { providerId: provider.id }, select: { modelId: true } });
  await client.provider.delete({ where: { id: provider.id } });
  await refreshModelsOf(client, served.map((d) => d.modelId));
  await publishCatalogChanged();
  return provider;
}
