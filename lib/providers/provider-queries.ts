// Reading providers. The encrypted credential column is omitted by lib/db.ts and never selected here.
import type { DbClient } from "../db";
import { db } from "../db";
import { NotFoundError } from "../http/errors";
import { containsText, pageArgs, type ListResult } from "../http/list-query";
import type { ListProvidersQuery, Provider } from "./schemas";

export const providerSelect = {
  id: true,
  name: true,
  kind: true,
  baseUrl: true,
  managedBy: true,
  createdAt: true,
  updatedAt: true,
  _count: { select: { models: true } },
  test: { select: { testedAt: true, ok: true, status: true, latencyMs: true, modelCount: true, error: true } },
} as const;

type ProviderRow = {
  id: string;
  name: string;
  kind: string;
  baseUrl: string | null;
  managedBy?: string | null;
  createdAt: Date;
  updatedAt: Date;
  _count: { models: number };
  test?: { testedAt: Date; ok: boolean; status: number | null; latencyMs: number; modelCount: number; error: string | null } | null;
};

export function toProvider(row: ProviderRow): Provider {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind as Provider["kind"],
    baseUrl: row.baseUrl,
    hasApiKey: true,
    modelCount: row._count.models,
    managedBy: row.managedBy ?? null,
    lastTest: row.test ? { ...row.test, testedAt: row.test.testedAt.toISOString() } : null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export async function listProviders(options: {
  orgId: string;
  query: ListProvidersQuery;
  client?: DbClient;
}): Promise<ListResult<Provider>> {
  const client = options.client ?? db();
  const { q, kind } = options.query;
  const where = { orgId: options.orgId, ...(kind ? { kind } : {}), ...(q ? { name: containsText(q) } : {}) };
  const [rows, total] = await Promise.all([
    client.provider.findMany({ where, select: providerSelect, orderBy: { name: "asc" }, ...pageArgs(options.query) }),
    client.provider.count({ where }),
  ]);
  return { data: rows.map(toProvider), total };
}

export async function getProviderOrThrow(options: { orgId: string; id: string; client?: DbClient }): Promise<Provider> {
  const client = options.client ?? db();
  const row = await client.provider.findFirst({ where: { id: options.id, orgId: options.orgId }, select: providerSelect });
  if (!row) throw new NotFoundError(`Provider ${options.id} not found.`);
  return toProvider(row);
}
