// The Cache page's reads and writes: settings, stats, entries and shadow pairs (/api/admin/cache/*),
// warm-up jobs (/api/admin/cache/warmups*). Every key starts with "cache", so one invalidation after
// a purge or a finished warm-up refreshes the stats and the entry list too.
import { keepPreviousData, queryOptions } from "@tanstack/react-query";
import type { CacheEntryDetail, CacheSettingsView, UpdateCacheSettings } from "@/lib/cache/schemas";
import type { CacheEntrySummary } from "@/lib/cache/schemas";
import type { CreatedWarmup, CreateWarmupInput, WarmupEstimate, WarmupItem, WarmupItemStatus, WarmupJob } from "@/lib/cache-warmup/schemas";
import type { DateRangeSelection } from "@/lib/charts/date-range";
import { adminRead, fetchJson, toSearch } from "@/lib/query/fetch-json";
import type { ListResponse } from "@/lib/query/types";

export { cacheStatsQuery, type CacheStatsParams } from "@/lib/query/cache-stats";

export interface CacheEntryFilters {
  model?: string;
  teamId?: string;
  q?: string;
}

export interface ShadowPair {
  id: string;
  requestId: string;
  model: string;
  teamId: string | null;
  prompt: string;
  cachedPrompt: string;
  similarity: number;
  entryId: string;
  createdAt: string;
}

export type CursorPage<T> = { data: T[]; nextCursor: string | null };

/** The range the overview opens with (the server page prefetches the same one). */
export const DEFAULT_STATS_RANGE: DateRangeSelection = { preset: "7d" };

export const WARMUP_JOBS_PAGE_SIZE = 10;
export const WARMUP_ITEMS_PAGE_SIZE = 50;
/** How often a running job's progress is read again. */
export const WARMUP_REFRESH_MS = 1000;

export const cacheKeys = {
  all: ["cache"] as const,
  settings: () => ["cache", "settings"] as const,
  entries: (filters: CacheEntryFilters) => ["cache", "entries", filters] as const,
  entry: (id: string) => ["cache", "entry", id] as const,
  shadow: (filters: CacheEntryFilters) => ["cache", "shadow", filters] as const,
  warmups: () => ["cache", "warmups"] as const,
  warmup: (id: string) => ["cache", "warmups", id] as const,
  warmupItems: (id: string, status: WarmupItemStatus | undefined, page: number, progress: string) => ["cache", "warmups", id, "items", { status, page, progress }] as const,
};

export function cacheSettingsQuery() {
  return queryOptions({ queryKey: cacheKeys.settings(), ...adminRead<CacheSettingsView>("/api/admin/cache/settings") });
}

export function cacheEntriesQuery(filters: CacheEntryFilters) {
  return queryOptions({
    queryKey: cacheKeys.entries(filters),
    ...adminRead<CursorPage<CacheEntrySummary>>(`/api/admin/cache/entries${toSearch({ ...filters })}`),
    placeholderData: keepPreviousData,
  });
}

/** Further pages of the entry list (the cursor of the page before). */
export function fetchCacheEntriesPage(filters: CacheEntryFilters, cursor: string): Promise<CursorPage<CacheEntrySummary>> {
  return fetchJson(`/api/admin/cache/entries${toSearch({ ...filters, cursor })}`);
}

export function cacheEntryQuery(id: string) {
  return queryOptions({ queryKey: cacheKeys.entry(id), ...adminRead<CacheEntryDetail>(`/api/admin/cache/entries/${encodeURIComponent(id)}`) });
}

export function shadowPairsQuery(filters: CacheEntryFilters) {
  return queryOptions({
    queryKey: cacheKeys.shadow(filters),
    ...adminRead<CursorPage<ShadowPair>>(`/api/admin/cache/shadow${toSearch({ model: filters.model, teamId: filters.teamId })}`),
    placeholderData: keepPreviousData,
  });
}

export function updateCacheSettings(body: UpdateCacheSettings): Promise<CacheSettingsView> {
  return fetchJson("/api/admin/cache/settings", { method: "PUT", body });
}

export function invalidateCacheEntry(id: string): Promise<unknown> {
  return fetchJson(`/api/admin/cache/entries/${encodeURIComponent(id)}`, { method: "DELETE" });
}

/** Purge: every entry of a model, of a team, of both, or (no filter) all. */
export function purgeCacheEntries(filters: { model?: string; teamId?: string }): Promise<{ deleted: number }> {
  return fetchJson(`/api/admin/cache/entries${toSearch({ ...filters })}`, { method: "DELETE" });
}

export interface ImportPairBody {
  model: string;
  teamId?: string;
  keyId?: string;
  messages: unknown[];
  answer: string;
}

export function importCachePair(body: ImportPairBody): Promise<unknown> {
  return fetchJson("/api/admin/cache/entries", { method: "POST", body });
}

export function warmupJobsQuery() {
  return queryOptions({
    queryKey: cacheKeys.warmups(),
    ...adminRead<ListResponse<WarmupJob>>(`/api/admin/cache/warmups${toSearch({ pageSize: WARMUP_JOBS_PAGE_SIZE })}`),
  });
}

/**
 * `progress`: the job's counts now (read every second while it runs). They are part of the key, so
 * the list is read again exactly when results arrive, including the last ones after the job ended.
 */
export function warmupItemsQuery(id: string, status: WarmupItemStatus | undefined, page: number, progress: string) {
  return queryOptions({
    queryKey: cacheKeys.warmupItems(id, status, page, progress),
    ...adminRead<ListResponse<WarmupItem>>(
      `/api/admin/cache/warmups/${encodeURIComponent(id)}/items${toSearch({ status, page, pageSize: WARMUP_ITEMS_PAGE_SIZE })}`,
    ),
    placeholderData: keepPreviousData,
  });
}

export function estimateWarmup(body: CreateWarmupInput): Promise<WarmupEstimate> {
  return fetchJson("/api/admin/cache/warmups/estimate", { method: "POST", body });
}

export function startWarmup(body: CreateWarmupInput): Promise<CreatedWarmup> {
  return fetchJson("/api/admin/cache/warmups", { method: "POST", body });
}

export function cancelWarmup(id: string): Promise<WarmupJob> {
  return fetchJson(`/api/admin/cache/warmups/${encodeURIComponent(id)}/cancel`, { method: "POST" });
}

/** A job still has work ahead: keep reading its progress. */
export function isActive(job: Pick<WarmupJob, "status">): boolean {
  return job.status === "queued" || job.status === "running" || job.status === "interrupted";
}
