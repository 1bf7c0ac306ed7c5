// Creating, changing and deleting users. Changes the gateway cares about (disabled, team, tier, deletion)
// invalidate the user's keys in every replica's key cache.
import type { DbClient } from "../db";
import { db } from "../db";
import { assertPasswordAllowed } from "../auth/password-policy";
import { hashPassword } from "../crypto/password";
import { rethrowAs } from "../http/prisma-errors";
import { publishKeyInvalidation } from "../keys/key-invalidation";
import { assertAnotherActiveAdmin, assertTeamInOrg } from "./user-guards";
import { fitKeysToLimits, keyLimitColumns, keyLimitsChanged } from "./user-key-limits";
import { userKeyLimits } from "../keys/key-limits";
import { getUserOrThrow, toUser, userSelect } from "./user-queries";
import type { CreateUserInput, UpdateUserInput, User } from "./schemas";

const duplicateEmail = (email: string | undefined) => ({
  conflict: { message: `A user with email ${email} already exists.`, field: "email" },
});

async function keyIdsOf(client: DbClient, userId: string): Promise<string[]> {
  const keys = await client.apiKey.findMany({ where: { userId }, select: { id: true } });
  return keys.map((k) => k.id);
}

export async function createUser(options: { orgId: string; input: CreateUserInput; client?: DbClient }): Promise<User> {
  const client = options.client ?? db();
  const { input } = options;
  if (input.password) assertPasswordAllowed(input.password);
  await assertTeamInOrg(client, options.orgId, input.teamId);
  const email = input.email.toLowerCase();
  const row = await client.user
    .create({
      data: {
        orgId: options.orgId,
        email,
        name: input.name,
        role: input.role,
        tier: input.tier,
        teamId: input.teamId ?? null,
        passwordHash: input.password ? await hashPassword(input.password) : null,
        ...(await keyLimitColumns(client, options.orgId, input)),
      },
      select: userSelect,
    })
    .catch(rethrowAs(duplicateEmail(email)));
  return toUser(row);
}

export async function updateUser(options: {
  orgId: string;
  id: string;
  input: UpdateUserInput;
  client?: DbClient;
}): Promise<User> {
  const client = options.client ?? db();
  const { input } = options;
  if (input.password) assertPasswordAllowed(input.password);
  const current = await getUserOrThrow(options);
  await assertTeamInOrg(client, options.orgId, input.teamId);
  if (current.role === "admin" && !current.disabled) {
    if (input.role !== undefined && input.role !== "admin") await assertAnotherActiveAdmin(client, options.orgId, current.id, "role");
    if (input.disabled === true) await assertAnotherActiveAdmin(client, options.orgId, current.id, "disabled");
  }
  const email = input.email?.toLowerCase();
  const { password, keyModels, keyMaxDays, ...rest } = input;
  const row = await client.user
    .update({
      where: { id: current.id },
      data: {
        ...rest,
        ...(email ? { email } : {}),
        ...(await keyLimitColumns(client, options.orgId, { keyModels, keyMaxDays })),
        ...(password !== undefined ? { passwordHash: password === null ? null : await hashPassword(password) } : {}),
      },
      select: userSelect,
    })
    .catch(rethrowAs(duplicateEmail(email)));
  const teamChanged = input.teamId !== undefined && input.teamId !== current.teamId;
  const disabledChanged = input.disabled !== undefined && input.disabled !== current.disabled;
  // The tier picks the user's default quotas, which the gateway caches with the key.
  const tierChanged = input.tier !== undefined && input.tier !== current.tier;
  if (keyLimitsChanged({ models: current.keyModels, maxDays: current.keyMaxDays }, input)) {
    await publishKeyInvalidation(await fitKeysToLimits(client, current.id, userKeyLimits(row)));
  } else if (teamChanged || disabledChanged || tierChanged) {
    await publishKeyInvalidation(await keyIdsOf(client, current.id));
  }
  return toUser(row);
}

/** Deletes the user and (by cascade) their keys; returns the user as it was. */
export async function deleteUser(options: { orgId: string; id: string; client?: DbClient }): Promise<User> {
  const client = options.client ?? db();
  const user = await getUserOrThrow(options);
  if (user.role === "admin" && !user.disabled) await assertAnotherActiveAdmin(client, options.orgId, user.id, "id");
  const keyIds = await keyIdsOf(client, user.id);
  await client.user.delete({ where: { id: user.id } });
  await publishKeyInvalidation(keyIds);
  return user;
}
