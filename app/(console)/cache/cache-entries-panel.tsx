"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useToast } from "@/components/ui/toast";
import type { CacheEntrySummary } from "@/lib/cache/schemas";
import { errorMessage } from "@/lib/query/api-error";
import { formatNumber } from "@/lib/charts/format";
import { useInvalidatingMutation } from "@/lib/query/use-invalidating-mutation";
import { cacheKeys, invalidateCacheEntry, purgeCacheEntries, type CacheEntryFilters } from "./cache-api";
import { CacheEntryDialog } from "./cache-entry-dialog";
import { CacheEntryFilterBar } from "./cache-entry-filter-bar";
import { CacheEntryTable } from "./cache-entry-table";
import { ImportPairsCard } from "./import-pairs-card";
import { useTeamNames } from "./use-team-names";

function purgeScope(filters: CacheEntryFilters, teamName: (id: string) => string): string {
  if (filters.model && filters.teamId) return `every entry of ${filters.model} in the team ${teamName(filters.teamId)}`;
  if (filters.model) return `every entry of ${filters.model}, in every team`;
  if (filters.teamId) return `every entry of the team ${teamName(filters.teamId)}`;
  return "every entry in the cache, for every model and team";
}

export function CacheEntriesPanel({ canEdit }: { canEdit: boolean }) {
  const [filters, setFilters] = useState<CacheEntryFilters>({});
  const [viewing, setViewing] = useState<string | null>(null);
  const [invalidating, setInvalidating] = useState<CacheEntrySummary | null>(null);
  const [purging, setPurging] = useState(false);
  const toast = useToast();
  const teams = useTeamNames();
  const invalidate = useInvalidatingMutation((entry: CacheEntrySummary) => invalidateCacheEntry(entry.id), [cacheKeys.all], () => {
    setInvalidating(null);
    toast("Entry invalidated: the next such call goes to the upstream");
  });
  // The text filter does not narrow a purge (the API purges by model and team only).
  const purgeFilters = { model: filters.model, teamId: filters.teamId };
  const purge = useInvalidatingMutation(() => purgeCacheEntries(purgeFilters), [cacheKeys.all], (result) => {
    setPurging(false);
    toast(`Purged ${formatNumber(result.deleted)} ${result.deleted === 1 ? "entry" : "entries"}`);
  });

  return (
    <div className="space-y-6">
      <Card>
        <CardHeader
          title="Entries"
          description="Stored answers, most recently used first. Invalidating one makes the next such call go to the upstream."
          actions={
            canEdit && (
              <Button
                size="sm"
                variant="danger"
                onClick={() => {
                  purge.reset();
                  setPurging(true);
                }}
                data-testid="cache-purge"
              >
                {filters.model || filters.teamId ? "Purge these" : "Purge all"}
              </Button>
            )
          }
        />
        <CacheEntryFilterBar filters={filters} onChange={setFilters} teams={teams.list} />
        <CacheEntryTable
          filters={filters}
          canEdit={canEdit}
          teamName={teams.nameOf}
          onView={(entry) => setViewing(entry.id)}
          onInvalidate={(entry) => {
            invalidate.reset();
            setInvalidating(entry);
          }}
        />
      </Card>
      {canEdit && <ImportPairsCard teams={teams.list} />}
      {viewing && <CacheEntryDialog id={viewing} teamName={teams.nameOf} onClose={() => setViewing(null)} />}
      <ConfirmDialog
        open={invalidating !== null}
        onClose={() => setInvalidating(null)}
        onConfirm={() => invalidating && invalidate.mutate(invalidating)}
        title="Invalidate this entry?"
        description={<>The answer to “{invalidating?.prompt}” is no longer served from the cache.</>}
        confirmLabel="Invalidate"
        pending={invalidate.isPending}
        error={invalidate.error ? errorMessage(invalidate.error) : undefined}
      />
      <ConfirmDialog
        open={purging}
        onClose={() => setPurging(false)}
        onConfirm={() => purge.mutate(undefined)}
        title="Purge the cache?"
        description={<>This deletes {purgeScope(purgeFilters, teams.nameOf)}. Calls then go to the upstream until answers are stored again.</>}
        confirmLabel="Purge"
        pending={purge.isPending}
        error={purge.error ? errorMessage(purge.error) : undefined}
      />
    </div>
  );
}
