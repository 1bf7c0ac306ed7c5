"use client";
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { DataTable, type Column } from "@/components/data-table/data-table";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { LocalTime } from "@/components/ui/local-time";
import { EmptyState } from "@/components/ui/states";
import { cn } from "@/components/ui/cn";
import { fetchJson, toSearch } from "@/lib/query/fetch-json";
import { cacheKeys, cacheSettingsQuery, type CacheEntryFilters, type CursorPage, type ShadowPair } from "./cache-api";
import { CacheEntryFilterBar } from "./cache-entry-filter-bar";
import { useTeamNames } from "./use-team-names";

function similarityTone(similarity: number, threshold: number): string {
  if (similarity >= threshold) return "text-emerald-700";
  return similarity >= threshold - 0.05 ? "text-amber-700" : "text-slate-600";
}

function columns(threshold: number, teamName: (id: string | null) => string): Column<ShadowPair>[] {
  return [
    {
      id: "prompt",
      header: "Asked",
      className: "min-w-56",
      cell: (pair) => (
        <div>
          <p className="line-clamp-3 break-words text-slate-900" data-testid="shadow-prompt">
            {pair.prompt}
          </p>
          <p className="mt-0.5 text-xs text-slate-500">
            {pair.model} · {teamName(pair.teamId)}
          </p>
        </div>
      ),
    },
    {
      id: "cached",
      header: "Would have been answered as",
      className: "min-w-56",
      cell: (pair) => (
        <p className="line-clamp-3 break-words text-slate-700" data-testid="shadow-cached-prompt">
          {pair.cachedPrompt}
        </p>
      ),
    },
    {
      id: "similarity",
      header: "Similarity",
      align: "right",
      cell: (pair) => <span className={cn("font-medium", similarityTone(pair.similarity, threshold))}>{pair.similarity.toFixed(3)}</span>,
    },
    { id: "when", header: "When", cell: (pair) => <LocalTime iso={pair.createdAt} withTime /> },
  ];
}

/** What semantic answers would have been, so an admin can judge false hits before turning them on. */
export function ShadowPairsPanel() {
  const [filters, setFilters] = useState<CacheEntryFilters>({});
  const teams = useTeamNames();
  const settings = useQuery(cacheSettingsQuery());
  const threshold = settings.data?.similarityThreshold ?? 0.85;
  const pairs = useInfiniteQuery({
    queryKey: cacheKeys.shadow(filters),
    initialPageParam: "",
    queryFn: ({ pageParam }) =>
      fetchJson<CursorPage<ShadowPair>>(`/api/admin/cache/shadow${toSearch({ model: filters.model, teamId: filters.teamId, cursor: pageParam })}`),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const rows = pairs.data?.pages.flatMap((page) => page.data);
  const shadowOn = settings.data?.shadow === true;
  return (
    <Card>
      <CardHeader
        title="Shadow-mode pairs"
        description={`A prompt, the stored prompt it would have been answered with, and their similarity (hits need ≥ ${threshold}). The upstream was asked anyway.`}
      />
      <CacheEntryFilterBar filters={filters} onChange={(next) => setFilters({ model: next.model, teamId: next.teamId })} teams={teams.list} idPrefix="shadow" withText={false} />
      <DataTable
        label="Shadow-mode pairs"
        testId="shadow-pairs-table"
        rowTestId="shadow-pair-row"
        columns={columns(threshold, teams.nameOf)}
        rows={rows}
        rowKey={(pair) => pair.id}
        isLoading={pairs.isLoading}
        error={pairs.error}
        onRetry={() => void pairs.refetch()}
        empty={
          <EmptyState
            testId="shadow-pairs-empty"
            title="No shadow-mode pairs"
            description={shadowOn ? "None yet: pairs appear as similar questions come in." : "Turn on shadow mode (with an embedding model) under Settings to record what would have been semantic hits."}
          />
        }
      />
      {pairs.hasNextPage && (
        <div className="flex justify-center border-t border-slate-100 p-3">
          <Button size="sm" onClick={() => void pairs.fetchNextPage()} pending={pairs.isFetchingNextPage}>
            Show more
          </Button>
        </div>
      )}
    </Card>
  );
}
