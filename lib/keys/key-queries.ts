// Reading virtual keys (never their hashes). Scoped to the organization and, for developers, to
// the owner the route passes in `ownerId`.
import type { DbClient } from "../db";
import { db } from "../db";
import { NotFoundError } from "../http/errors";
import { containsText, pageArgs, type ListResult } from "../http/list-query";
import { effectiveKeyExpiry, effectiveKeyModels, userKeyLimits } from "./key-limits";
import { keyStatus, keyStatusWhere, parseModelList } from "./key-status";
import type { ApiKey, ListKeysQuery } from "./schemas";

export const keySelect = {
  id: true,
  prefix: true,
  name: true,
  userId: true,
  user: { select: { email: true, keyModels: true, keyMaxDays: true } },
  teamId: true,
  models: true,
  expiresAt: true,
  revokedAt: true,
  lastUsedAt: true,
  createdAt: true,
  cacheOptOut: true,
  maxConcurrency: true,
} as const;

type KeyRow = {
  id: string;
  prefix: string;
  name: string;
  userId: string;
  user: { email: string; keyModels: string; keyMaxDays: number | null };
  teamId: string | null;
  models: string;
  expiresAt: Date | null;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
  createdAt: Date;
  cacheOptOut: boolean;
  maxConcurrency: number | null;
};

export function toApiKey(row: KeyRow, now = new Date()): ApiKey {
  const models = parseModelList(row.models);
  const limits = userKeyLimits(row.user);
  // What the gateway enforces (lib/gateway/authenticate.ts): the key's own values within its owner's limits.
  const expiresAt = effectiveKeyExpiry(row, limits);
  return {
    id: row.id,
    prefix: row.prefix,
    name: row.name,
    userId: row.userId,
    userEmail: row.user.email,
    teamId: row.teamId,
    models,
    allowedModels: effectiveKeyModels(models, limits),
    expiresAt: expiresAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    status: keyStatus({ revokedAt: row.revokedAt, expiresAt }, now),
    cacheOptOut: row.cacheOptOut,
    maxConcurrency: row.maxConcurrency,
  };
}

export async function listKeys(options: {
  orgId: string;
  query: ListKeysQuery;
  /** When set, only this user's keys, whatever `query.userId` says (developers). */
  ownerId?: string;
  client?: DbClient;
}): Promise<ListResult<ApiKey>> {
  const client = options.client ?? db();
  const { userId, teamId, status, q } = options.query;
  const now = new Date();
  const owner = options.ownerId ?? userId;
  const where = {
    orgId: options.orgId,
    ...(owner ? { userId: owner } : {}),
    ...(teamId ? { teamId } : {}),
    ...(q ? { OR: [{ name: containsText(q) }, { prefix: { startsWith: q } }] } : {}),
    ...(status ? { AND: [keyStatusWhere(status, now)] } : {}),
  };
  const [rows, total] = await Promise.all([
    client.apiKey.findMany({ where, select: keySelect, orderBy: { createdAt: "desc" }, ...pageArgs(options.query) }),
    client.apiKey.count({ where }),
  ]);
  return { data: rows.map((row) => toApiKey(row, now)), total };
}

export async function getKeyOrThrow(options: { orgId: string; id: string; client?: DbClient }): Promise<ApiKey> {
  const client = options.client ?? db();
  const row = await client.apiKey.findFirst({ where: { id: options.id, orgId: options.orgId }, select: keySelect });
  if (!row) throw new NotFoundError(`Key ${options.id} not found.`);
  return toApiKey(row);
}
