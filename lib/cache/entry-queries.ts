// The entry browser's reads: live entries newest first, filtered by model, team and prompt text,
// a page at a time (cursor = the last id of the previous page); one entry with its request and answer.
import { db } from "../db";
import { NotFoundError } from "../http/errors";
import { containsText } from "../http/list-query";
import type { z } from "zod";
import { sourceOf } from "./entry-rows";
import type { CacheEntryDetail, CacheEntrySummary, listCacheEntriesQuerySchema } from "./schemas";

type ListQuery = z.output<typeof listCacheEntriesQuerySchema>;

const SUMMARY_COLUMNS = {
  id: true, model: true, kind: true, namespace: true, teamId: true, keyId: true, prompt: true, source: true, hits: true, bytes: true,
  inputTokens: true, outputTokens: true, embedder: true, createdAt: true, lastUsedAt: true, expiresAt: true,
} as const;

type SummaryRow = {
  id: string; model: string; kind: string; namespace: string; teamId: string | null; keyId: string | null; prompt: string; source: string;
  hits: number; bytes: number; inputTokens: number; outputTokens: number; embedder: string | null; createdAt: Date; lastUsedAt: Date; expiresAt: Date;
};

async function teamNames(orgId: string, ids: (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  if (wanted.length === 0) return new Map();
  const teams = await db().team.findMany({ where: { orgId, id: { in: wanted } }, select: { id: true, name: true } });
  return new Map(teams.map((t) => [t.id, t.name]));
}

function summaryOf(row: SummaryRow, names: Map<string, string>): CacheEntrySummary {
  return {
    id: row.id, model: row.model, kind: row.kind === "embedding" ? "embedding" : "chat", namespace: row.namespace,
    teamId: row.teamId, teamName: row.teamId ? (names.get(row.teamId) ?? null) : null, keyId: row.keyId,
    prompt: row.prompt, source: sourceOf(row.source), hits: row.hits, bytes: row.bytes,
    inputTokens: row.inputTokens, outputTokens: row.outputTokens, semantic: row.embedder !== null,
    createdAt: row.createdAt.toISOString(), lastUsedAt: row.lastUsedAt.toISOString(), expiresAt: row.expiresAt.toISOString(),
  };
}

export function entryFilter(orgId: string, filter: { model?: string; teamId?: string; q?: string }) {
  return {
    orgId,
    expiresAt: { gt: new Date() },
    ...(filter.model ? { model: filter.model } : {}),
    ...(filter.teamId ? { teamId: filter.teamId } : {}),
    ...(filter.q ? { prompt: containsText(filter.q) } : {}),
  };
}

export async function listCacheEntries(options: { orgId: string; query: ListQuery }): Promise<{ data: CacheEntrySummary[]; nextCursor: string | null }> {
  const { orgId, query } = options;
  const rows = await db().cacheEntry.findMany({
    where: entryFilter(orgId, query),
    select: SUMMARY_COLUMNS,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: query.limit + 1,
    ...(query.cursor ? { cursor: { id: query.cursor }, skip: 1 } : {}),
  });
  const page = rows.slice(0, query.limit);
  const names = await teamNames(orgId, page.map((r) => r.teamId));
  return { data: page.map((row) => summaryOf(row, names)), nextCursor: rows.length > query.limit ? page[page.length - 1].id : null };
}

function parsedObject(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : { value };
  } catch {
    return { text };
  }
}

export async function getCacheEntryOrThrow(options: { orgId: string; id: string }): Promise<CacheEntryDetail> {
  const row = await db().cacheEntry.findFirst({ where: { id: options.id, orgId: options.orgId }, select: { ...SUMMARY_COLUMNS, request: true, answer: true } });
  if (!row) throw new NotFoundError("No cache entry with this id.", "not_found", "id");
  const names = await teamNames(options.orgId, [row.teamId]);
  const answer = row.kind === "embedding" ? { embedding: JSON.parse(row.answer) as unknown } : parsedObject(row.answer);
  const choices = (answer as { choices?: { message?: { content?: unknown } }[] }).choices;
  const content = choices?.[0]?.message?.content;
  return { ...summaryOf(row, names), request: parsedObject(row.request), answer, answerText: typeof content === "string" ? content : null };
}
