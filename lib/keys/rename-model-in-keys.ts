// Keys name the models they may use, and so do the limits an admin sets on a user's keys
// (User.keyModels); when a model is renamed, those lists follow, or the rename would silently lock
// every restricted key out of the model (and let a new model that takes the old name in).
import type { DbClient } from "../db";
import { publishKeyInvalidation } from "./key-invalidation";

function renamed(json: string, from: string, to: string): string | null {
  const models = JSON.parse(json) as string[];
  if (!models.includes(from)) return null;
  return JSON.stringify([...new Set(models.map((name) => (name === from ? to : name)))]);
}

/** Rewrites `from` to `to` in the org's keys' and users' model lists; returns the ids of the keys affected. */
export async function renameModelInKeys(client: DbClient, options: { orgId: string; from: string; to: string }): Promise<string[]> {
  const { orgId, from, to } = options;
  // The lists are JSON arrays of strings, so the quoted name is a safe pre-filter.
  const contains = { contains: JSON.stringify(from) };
  const changed: string[] = [];
  for (const key of await client.apiKey.findMany({ where: { orgId, models: contains }, select: { id: true, models: true } })) {
    const models = renamed(key.models, from, to);
    if (models === null) continue;
    await client.apiKey.update({ where: { id: key.id }, data: { models } });
    changed.push(key.id);
  }
  const users = await client.user.findMany({ where: { orgId, keyModels: contains }, select: { id: true, keyModels: true, apiKeys: { select: { id: true } } } });
  for (const user of users) {
    const keyModels = renamed(user.keyModels, from, to);
    if (keyModels === null) continue;
    await client.user.update({ where: { id: user.id }, data: { keyModels } });
    changed.push(...user.apiKeys.map((key) => key.id));
  }
  return [...new Set(changed)];
}

export async function renameModelInKeysAndNotify(client: DbClient, options: { orgId: string; from: string; to: string }): Promise<void> {
  await publishKeyInvalidation(await renameModelInKeys(client, options));
}
