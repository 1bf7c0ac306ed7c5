// Each organization's cache settings, held in memory for the proxy (no database read per call),
// reloaded when an admin changes them ("cache-settings-changed" on the SharedStore reaches every
// replica and thread) and every minute as a safety net. No row = the defaults: cache off.
import { db } from "../db";
import { logger } from "../logger";
import { sharedStore } from "../store";
import type { CacheAdmission, CacheMode, CacheNamespace } from "./schemas";

export const CACHE_SETTINGS_CHANNEL = "cache-settings-changed";
const REFRESH_EVERY_MS = 60_000;

export interface CacheSettings {
  enabled: boolean;
  mode: CacheMode;
  namespace: CacheNamespace;
  ttlSeconds: number;
  maxEntries: number;
  maxBytes: number;
  similarityThreshold: number;
  embeddingModel: string | null;
  shadow: boolean;
  /** "repeated": an exact answer is stored on its request's second miss; "always": on its first (admission-doorkeeper.ts) */
  admission: CacheAdmission;
  /** "config-file" when the configuration file owns these settings (lib/config-file) */
  managedBy: string | null;
  updatedAt: Date | null;
}

export const DEFAULT_CACHE_SETTINGS: Readonly<CacheSettings> = Object.freeze({
  enabled: false,
  mode: "exact",
  namespace: "team",
  ttlSeconds: 3600,
  maxEntries: 10_000,
  maxBytes: 64 * 1024 * 1024,
  similarityThreshold: 0.85,
  embeddingModel: null,
  shadow: false,
  admission: "repeated",
  managedBy: null,
  updatedAt: null,
});

type SettingsRow = Awaited<ReturnType<ReturnType<typeof db>["cacheSettings"]["findMany"]>>[number];

export function settingsFromRow(row: SettingsRow): CacheSettings {
  return {
    enabled: row.enabled,
    mode: row.mode === "semantic" ? "semantic" : "exact",
    namespace: row.namespace === "org" || row.namespace === "key" ? row.namespace : "team",
    ttlSeconds: row.ttlSeconds,
    maxEntries: row.maxEntries,
    maxBytes: Number(row.maxBytes),
    similarityThreshold: row.similarityThreshold,
    embeddingModel: row.embeddingModel,
    shadow: row.shadow,
    admission: row.admission === "always" ? "always" : "repeated",
    managedBy: row.managedBy ?? null,
    updatedAt: row.updatedAt,
  };
}

/** Whether semantic lookups run at all: semantic mode or shadow, with an embedder chosen. */
export function wantsSemantic(settings: CacheSettings): boolean {
  return settings.embeddingModel !== null && (settings.mode === "semantic" || settings.shadow);
}

class CacheSettingsTable {
  private table: Map<string, CacheSettings> | null = null;
  private loading: Promise<Map<string, CacheSettings>> | null = null;
  private loadedAt = 0;
  private generation = 0;

  private reload(): Promise<Map<string, CacheSettings>> {
    this.loading ??= (async () => {
      for (;;) {
        const generation = this.generation;
        const rows = await db().cacheSettings.findMany();
        if (generation !== this.generation) continue;
        const table = new Map(rows.map((row) => [row.orgId, settingsFromRow(row)]));
        this.table = table;
        this.loadedAt = Date.now();
        return table;
      }
    })().finally(() => {
      this.loading = null;
    });
    return this.loading;
  }

  /** The settings of one organization; awaits the database only before the first load. */
  async of(orgId: string): Promise<CacheSettings> {
    return this.ofNow(orgId) ?? (await this.reload()).get(orgId) ?? DEFAULT_CACHE_SETTINGS;
  }

  /** `of` without an await once the table is loaded; null before that (then use `of`). */
  ofNow(orgId: string): CacheSettings | null {
    const table = this.table;
    if (!table) return null;
    if (Date.now() - this.loadedAt > REFRESH_EVERY_MS) {
      void this.reload().catch((error) => logger().warn({ err: error }, "could not refresh cache settings; keeping the last copy"));
    }
    return table.get(orgId) ?? DEFAULT_CACHE_SETTINGS;
  }

  /** The loaded settings of every organization that has a row (empty before the first load). */
  loaded(): Map<string, CacheSettings> {
    return this.table ?? new Map();
  }

  /** The next call waits for fresh settings: this process must never serve on settings just changed. */
  invalidate(): void {
    this.generation++;
    this.table = null;
  }
}

const slot = globalThis as unknown as { tollgateCacheSettings?: CacheSettingsTable };

export function cacheSettings(): CacheSettingsTable {
  if (!slot.tollgateCacheSettings) {
    const table = new CacheSettingsTable();
    slot.tollgateCacheSettings = table;
    // A change missed while the channel was down is caught up when it resyncs (and by the minute's refresh).
    void sharedStore().subscribe(CACHE_SETTINGS_CHANNEL, () => table.invalidate(), () => table.invalidate());
  }
  return slot.tollgateCacheSettings;
}

/** Tells every replica (this one included) to reload cache settings. */
export async function publishCacheSettingsChanged(orgId: string): Promise<void> {
  cacheSettings().invalidate();
  try {
    await sharedStore().publish(CACHE_SETTINGS_CHANNEL, orgId);
  } catch (error) {
    logger().warn({ err: error }, "could not broadcast a cache settings change; other replicas pick it up within a minute");
  }
}
