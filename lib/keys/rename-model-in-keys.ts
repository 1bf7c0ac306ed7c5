// Keys name the models they may use; when a model is renamed, those lists follow, or the rename
// would silently lock every restricted key out of the model (and let a new model that takes the
// old name in).
import type { DbClient } from "../db";
import { publishKeyInvalidation } from "./key-invalidation";

/** Rewrites `from` to `to` in the allowed-model lists of the org's keys; returns the ids of the keys changed. */
export async function renameModelInKeys(client: DbClient, options: { orgId: string; from: string; to: string }): Promise<string[]> {
  const { orgId, from, to } = options;
  // The lists are JSON arrays of strings, so the quoted name is a safe pre-filter.
  const candidates = await client.apiKey.findMany({
    where: { orgId, models: { contains: JSON.stringify(from) } },
    select: { id: true, models: true },
  });
  const changed: string[] = [];
  for (const key of candidates) {
    const models = JSON.parse(key.models) as string[];
    if (!models.includes(from)) continue;
    const renamed = [...new Set(models.map((name) => (name === from ? to : name)))];
    await client.apiKey.update({ where: { id: key.id }, data: { models: JSON.stringify(renamed) } });
    changed.push(key.id);
  }
  return changed;
}

export async function renameModelInKeysAndNotify(client: DbClient, options: { orgId: string; from: string; to: string }): Promise<void> {
  await publishKeyInvalidation(await renameModelInKeys(client, options));
}
