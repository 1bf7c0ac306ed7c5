// Reading and changing an organization's cache settings. A change is checked as a whole (semantic
// mode and shadow need an embedder; a model embedder must be an enabled catalog model whose provider
// has an embeddings API), stored, and published so every replica applies it at once.

import { db } from "../db";
import { BadRequestError } from "../http/errors";
import { cacheSettings, DEFAULT_CACHE_SETTINGS, publishCacheSettingsChanged, settingsFromRow, type CacheSettings } from "./cache-settings";
import { BUILTIN_EMBEDDER, updateCacheSettingsSchema, type CacheSettingsView, type UpdateCacheSettings } from "./schemas";

/** Provider kinds whose adapter has an embeddings API (lib/gateway/providers). */
const EMBEDDING_KINDS = new Set(["openai", "openai-compatible", "gemini"]);

export function settingsView(settings: CacheSettings): CacheSettingsView {
  const { updatedAt, ...rest } = settings;
  return { ...rest, updatedAt: updatedAt ? updatedAt.toISOString() : null };
}

export async function readCacheSettings(orgId: string): Promise<CacheSettings> {
  const row = await db().cacheSettings.findUnique({ where: { orgId } });
  return row ? settingsFromRow(row) : { ...DEFAULT_CACHE_SETTINGS };
}

/** Parses a PUT body: a 400 naming the first field that is wrong. */
export function parseSettingsUpdate(json: unknown): UpdateCacheSettings {
  const result = updateCacheSettingsSchema.safeParse(json);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue.path.map(String).join(".") || null;
  const message = issue.code === "unrecognized_keys" ? `Unknown setting: ${issue.keys.join(", ")}.` : issue.message;
  throw new BadRequestError(message, issue.code === "unrecognized_keys" ? (issue.keys[0] ?? null) : field, "invalid_cache_settings");
}

async function checkEmbedder(orgId: string, settings: CacheSettings): Promise<void> {
  const { embeddingModel } = settings;
  if ((settings.mode === "semantic" || settings.shadow) && embeddingModel === null) {
    throw new BadRequestError(`${settings.mode === "semantic" ? "Semantic mode" : "Shadow mode"} needs an embedder: set embeddingModel to "builtin" or an embedding model.`, "embeddingModel", "invalid_cache_settings");
  }
  if (embeddingModel === null || embeddingModel === BUILTIN_EMBEDDER) return;
  const model = await db().model.findFirst({ where: { orgId, name: embeddingModel, enabled: true }, select: { provider: { select: { kind: true } } } });
  if (!model?.provider) throw new BadRequestError(`The model \`${embeddingModel}\` does not exist or is not enabled.`, "embeddingModel", "invalid_cache_settings");
  if (!EMBEDDING_KINDS.has(model.provider.kind)) {
    throw new BadRequestError(`The model \`${embeddingModel}\` is served by a provider without an embeddings API.`, "embeddingModel", "invalid_cache_settings");
  }
}

export async function updateCacheSettings(options: { orgId: string; input: UpdateCacheSettings }): Promise<{ before: CacheSettings; after: CacheSettings }> {
  const { orgId, input } = options;
  const before = await readCacheSettings(orgId);
  const merged: CacheSettings = { ...before, ...input };
  await checkEmbedder(orgId, merged);
  const data = {
    enabled: merged.enabled, mode: merged.mode, namespace: merged.namespace, ttlSeconds: merged.ttlSeconds,
    maxEntries: merged.maxEntries, maxBytes: BigInt(merged.maxBytes), similarityThreshold: merged.similarityThreshold,
    embeddingModel: merged.embeddingModel, shadow: merged.shadow, admission: merged.admission,
  };
  const row = await db().cacheSettings.upsert({ where: { orgId }, create: { orgId, ...data }, update: data });
  await publishCacheSettingsChanged(orgId);
  return { before, after: settingsFromRow(row) };
}

/** For readers that must see exactly what the proxy uses (tests): the in-memory copy. */
export function liveCacheSettings(orgId: string): Promise<CacheSettings> {
  return cacheSettings().of(orgId);
}


