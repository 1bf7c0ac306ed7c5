// Creating, changing and revoking virtual keys. The plaintext key is generated here, returned once,
// and only its SHA-256 hash is stored. Every change is broadcast so gateways drop cached copies.
import type { DbClient } from "../db";
import { db } from "../db";
import { generateApiKey } from "../crypto/api-key";
import { ValidationError } from "../http/errors";
import { rethrowAs } from "../http/prisma-errors";
import { assertKnownModelNames } from "../models/model-names";
import { publishKeyInvalidation } from "./key-invalidation";
import { getKeyOrThrow, keySelect, toApiKey } from "./key-queries";
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
  client?: DbClient;
}): Promise<CreatedApiKey> {
  const client = options.client ?? db();
  const { input } = options;
  const owner = await client.user.findFirst({
    where: { id: options.userId, orgId: options.orgId },
    select: { id: true, teamId: true, disabled: true },
  });
  if (!owner) throw new ValidationError(`userId: user ${options.userId} does not exist.`, "userId");
  if (owner.disabled) throw new ValidationError("userId: the user is disabled.", "userId");
  assertFuture(input.expiresAt);
  await assertKnownModelNames({ orgId: options.orgId, names: input.models, field: "models", client });

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
      expiresAt: input.expiresAt ?? null,
    },
    select: keySelect,
  });
  return { ...toApiKey(row), key };
}

export async function updateKey(options: {
  orgId: string;
  id: string;
  input: UpdateKeyInput;
  client?: DbClient;
}): Promise<ApiKey> {
  const client = options.client ?? db();
  const { input } = options;
  await getKeyOrThrow(options);
  assertFuture(input.expiresAt);
  if (input.models) await assertKnownModelNames({ orgId: options.orgId, names: input.models, field: "models", client });
  const row = await client.apiKey
    .update({
      where: { id: options.id, orgId: options.orgId },
      data: {
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.models !== undefined ? { models: JSON.stringify([...new Set(input.models)]) } : {}),
        ...(input.expiresAt !== undefined ? { expiresAt: input.expiresAt } : {}),
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
