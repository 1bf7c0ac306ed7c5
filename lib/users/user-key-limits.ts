// The limits an admin sets on every key of a user (User.keyModels, User.keyMaxDays; the rules are in
// lib/keys/key-limits.ts). Setting them checks the models exist; changing them brings the expiry of
// the user's existing keys forward to fit (so lists and status filters show what the gateway
// enforces) and drops those keys from every gateway's cache, so the next call sees the new limits.
import type { DbClient } from "../db";
import { assertKnownModelNames } from "../models/model-names";
import { effectiveKeyExpiry, type UserKeyLimits } from "../keys/key-limits";

type LimitInput = { keyModels?: readonly string[]; keyMaxDays?: number | null };

/** The User columns for the given limits (only those present), after checking the model names. */
export async function keyLimitColumns(client: DbClient, orgId: string, input: LimitInput): Promise<{ keyModels?: string; keyMaxDays?: number | null }> {
  if (input.keyModels !== undefined) await assertKnownModelNames({ orgId, names: input.keyModels, field: "keyModels", client });
  return {
    ...(input.keyModels !== undefined ? { keyModels: JSON.stringify([...new Set(input.keyModels)]) } : {}),
    ...(input.keyMaxDays !== undefined ? { keyMaxDays: input.keyMaxDays } : {}),
  };
}

export function keyLimitsChanged(before: UserKeyLimits, input: LimitInput): boolean {
  const models = input.keyModels !== undefined && JSON.stringify([...new Set(input.keyModels)]) !== JSON.stringify(before.models);
  return models || (input.keyMaxDays !== undefined && input.keyMaxDays !== before.maxDays);
}

/** Brings the user's keys' expiry within the limits; returns the ids of all their keys (to invalidate). */
export async function fitKeysToLimits(client: DbClient, userId: string, limits: UserKeyLimits): Promise<string[]> {
  const keys = await client.apiKey.findMany({ where: { userId }, select: { id: true, expiresAt: true, createdAt: true } });
  for (const key of keys) {
    const expiresAt = effectiveKeyExpiry(key, limits);
    if (expiresAt?.getTime() !== key.expiresAt?.getTime()) await client.apiKey.update({ where: { id: key.id }, data: { expiresAt } });
  }
  return keys.map((key) => key.id);
}
