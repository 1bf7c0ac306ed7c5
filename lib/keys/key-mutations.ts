// Creating, changing and revoking virtual keys. The plaintext key is generated here, returned once,
// and only its SHA-256 hash is stored. Every change is broadcast so gateways drop cached copies.
// What an actor may set is decided by key-change-rules.ts (an admin's limits on the owner hold for
// every key; a developer only narrows).
import type { DbClient } from "../db";
import { db } from "../db";
import { generateApiKey } from "../crypto/api-key";
import { NotFoundError, ValidationError } from "../http/errors";
import { rethrowAs } from "../http/prisma-errors";
import { assertKnownModelNames } from "../models/model-names";
import { checkKeyChange, checkNewKey, KeyLimitError, type KeyActor } from "./key-change-rules";
import { publishKeyInvalidation } from "./key-invalidation";
import { userKeyLimits } from "./key-limits";
import { getKeyOrThrow, keySelect, toApiKey } from "./key-queries";
import { parseModelList } from "./key-status";
import type { ApiKey, CreatedApiKey, CreateKeyInput, UpdateKeyInput } from "./schemas";

function assertFuture(expiresAt: Date | null | undefined): void {
  if (expiresAt && expiresAt.getTime() <= Date.now()) {
    throw new ValidationError("expiresAt: must be in the future.", "expiresAt");
  }
}

export async function createKey(options: {
  orgId: string;
  /** The owner; resolved by the route (defaults to the caller). */
  userId: string;
  input: CreateKeyInput;
  /** Who makes the key: a developer's key cannot go beyond the limits an admin set on them. */
  actor: KeyActor;
  client?: DbClient;
}): Promise<CreatedApiKey> {
  const client = options.client ?? db();
  const { input } = options;
  const owner = await client.user.findFirst({
    where: { id: options.userId, orgId: options.orgId },
    select: { id: true, teamId: true, disabled: true, keyModels: true, keyMaxDays: true },
  });
  if (!owner) throw new ValidationError(`userId: user ${options.userId} does not exist.`, "userId");
  if (owner.disabled) throw new ValidationError("userId: the user is disabled.", "userId");
  assertFuture(input.expiresAt);
  await assertKnownModelNames({ orgId: options.orgId, names: input.models, field: "models", client });
  const expiresAt = checkNewKey({ actor: options.actor, models: input.models, expiresAt: input.expiresAt, limits: userKeyLimits(owner), now: new Date() });

  const { key, hash, prefix } = generateApiKey();
  const row = await client.apiKey.create({
    data: {
      orgId: options.orgId,
      userId: owner.id,
      teamId: owner.teamId,
      name: input.name,
      keyHash: hash,
      prefix,
      models: JSON.stringify([...new Set(input.models)]),
      expiresAt,
    },
    select: keySelect,
  });
  return { ...toApiKey(row), key };
}

export async function updateKey(options: {
  orgId: string;
  id: string;
  input: UpdateKeyInput;
  /** Who changes the key: a developer may only narrow it. */
  actor: KeyActor;
  client?: DbClient;
}): Promise<ApiKey> {
  const client = options.client ?? db();
  const { input } = options;
  const current = await client.apiKey.findFirst({
    where: { id: options.id, orgId: options.orgId },
    select: { models: true, expiresAt: true, createdAt: true, user: { select: { keyModels: true, keyMaxDays: true } } },
  });
  if (!current) throw new NotFoundError(`Key ${options.id} not found.`);
  assertFuture(input.expiresAt);
  // A concurrency limit is a limit on the key: only an admin sets or lifts it.
  if (input.maxConcurrency !== undefined && options.actor !== "admin") {
    throw new KeyLimitError("maxConcurrency", "only an admin can change this key's concurrency limit.");
  }
  if (input.models) await assertKnownModelNames({ orgId: options.orgId, names: input.models, field: "models", client });
  checkKeyChange({
    actor: options.actor,
    key: { models: parseModelList(current.models), expiresAt: current.expiresAt, createdAt: current.createdAt },
    change: input,
    limits: userKeyLimits(current.user),
  });
  const row = await client.apiKey
    .update({
      where: { id: options.id, orgId: options.orgId },
      data: {
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.models !== undefined ? { models: JSON.stringify([...new Set(input.models)]) } : {}),
        ...(input.expiresAt !== undefined ? { expiresAt: input.expiresAt } : {}),
        ...(input.cacheOptOut !== undefined ? { cacheOptOut: input.cacheOptOut } : {}),
        ...(input.maxConcurrency !== undefined ? { maxConcurrency: input.maxConcurrency } : {}),
      },
      select: keySelect,
    })
    .catch(rethrowAs({ notFound: `Key ${options.id} not found.` }));
  await publishKeyInvalidation([row.id]);
  return toApiKey(row);
}

/** Revokes a key (idempotent: revoking twice keeps the first revocation time). */
export async function revokeKey(options: { orgId: string; id: string; client?: DbClient }): Promise<ApiKey> {
  const client = options.client ?? db();
  const current = await getKeyOrThrow(options);
  if (current.revokedAt) {
    await publishKeyInvalidation([current.id]);
    return current;
  }
  const row = await client.apiKey.update({
    where: { id: current.id },
    data: { revokedAt: new Date() },
    select: keySelect,
  });
  await publishKeyInvalidation([row.id]);
  return toApiKey(row);
}
