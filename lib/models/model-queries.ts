// Reading the model catalog, prices converted from micro-dollars to dollars per 1M tokens.
import type { DbClient } from "../db";
import { db } from "../db";
import { NotFoundError } from "../http/errors";
import { containsText, pageArgs, type ListResult } from "../http/list-query";
import { microsToDollars } from "../usage/money";
import type { ListModelsQuery, Model } from "./schemas";

export const modelSelect = {
  id: true,
  name: true,
  providerId: true,
  provider: { select: { name: true, kind: true } },
  upstreamModel: true,
  inputPricePerMTok: true,
  outputPricePerMTok: true,
  cachedPricePerMTok: true,
  cacheWritePricePerMTok: true,
  contextWindow: true,
  maxOutputTokens: true,
  enabled: true,
  batchDiscountPercent: true,
  managedBy: true,
  createdAt: true,
  updatedAt: true,
} as const;

type ModelRow = {
  id: string;
  name: string;
  providerId: string | null;
  provider: { name: string; kind: string } | null;
  upstreamModel: string;
  inputPricePerMTok: bigint;
  outputPricePerMTok: bigint;
  cachedPricePerMTok: bigint | null;
  cacheWritePricePerMTok: bigint | null;
  contextWindow: number | null;
  maxOutputTokens: number | null;
  enabled: boolean;
  batchDiscountPercent: number | null;
  managedBy?: string | null;
  createdAt: Date;
  updatedAt: Date;
};

export function toModel(row: ModelRow): Model {
  return {
    id: row.id,
    name: row.name,
    providerId: row.providerId,
    providerName: row.provider?.name ?? null,
    providerKind: (row.provider?.kind ?? null) as Model["providerKind"],
    upstreamModel: row.upstreamModel,
    inputPricePerMTok: microsToDollars(row.inputPricePerMTok),
    outputPricePerMTok: microsToDollars(row.outputPricePerMTok),
    cachedPricePerMTok: row.cachedPricePerMTok === null ? null : microsToDollars(row.cachedPricePerMTok),
    cacheWritePricePerMTok: row.cacheWritePricePerMTok === null ? null : microsToDollars(row.cacheWritePricePerMTok),
    contextWindow: row.contextWindow,
    maxOutputTokens: row.maxOutputTokens,
    enabled: row.enabled,
    batchDiscountPercent: row.batchDiscountPercent,
    managedBy: row.managedBy ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export async function listModels(options: { orgId: string; query: ListModelsQuery; client?: DbClient }): Promise<ListResult<Model>> {
  const client = options.client ?? db();
  const { q, providerId, enabled } = options.query;
  const where = {
    orgId: options.orgId,
    ...(providerId ? { providerId } : {}),
    ...(enabled !== undefined ? { enabled } : {}),
    ...(q ? { OR: [{ name: containsText(q) }, { upstreamModel: containsText(q) }] } : {}),
  };
  const [rows, total] = await Promise.all([
    client.model.findMany({ where, select: modelSelect, orderBy: { name: "asc" }, ...pageArgs(options.query) }),
    client.model.count({ where }),
  ]);
  return { data: rows.map(toModel), total };
}

/** What the console playground may call: enabled models with a deployment, and auto routers. */
export async function listPlaygroundModels(options: { orgId: string; client?: DbClient }): Promise<ListResult<Model>> {
  const client = options.client ?? db();
  const rows = await client.model.findMany({
    where: { orgId: options.orgId, enabled: true, OR: [{ deployments: { some: {} } }, { router: { not: null } }] },
    select: modelSelect,
    orderBy: { name: "asc" },
  });
  return { data: rows.map(toModel), total: rows.length };
}

export async function getModelOrThrow(options: { orgId: string; id: string; client?: DbClient }): Promise<Model> {
  const client = options.client ?? db();
  const row = await client.model.findFirst({ where: { id: options.id, orgId: options.orgId }, select: modelSelect });
  if (!row) throw new NotFoundError(`Model ${options.id} not found.`);
  return toModel(row);
}
