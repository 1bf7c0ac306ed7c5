"use client";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Card, CardHeader } from "@/components/ui/card";
import { useToast } from "@/components/ui/toast";
import type { WarmupJob } from "@/lib/cache-warmup/schemas";
import { useInvalidatingMutation } from "@/lib/query/use-invalidating-mutation";
import { cacheKeys, cancelWarmup, isActive, WARMUP_REFRESH_MS, warmupJobsQuery } from "./cache-api";
import { useTeamNames } from "./use-team-names";
import { WarmupForm } from "./warmup-form";
import { WarmupJobDetail } from "./warmup-job-detail";
import { WarmupJobsTable } from "./warmup-jobs-table";

export function WarmupPanel({ canEdit }: { canEdit: boolean }) {
  const teams = useTeamNames();
  const toast = useToast();
  const [selectedId, setSelectedId] = useState<string | null>(null);
  // Progress is read again every second while any listed job has work ahead.
  const jobs = useQuery({ ...warmupJobsQuery(), refetchInterval: (query) => (query.state.data?.data.some(isActive) ? WARMUP_REFRESH_MS : false) });
  const selected = jobs.data?.data.find((job) => job.id === selectedId) ?? null;
  const cancel = useInvalidatingMutation((job: WarmupJob) => cancelWarmup(job.id), [cacheKeys.warmups()], () => toast("Warm-up cancelled: nothing more is sent"));
  const chargedTo = (job: WarmupJob) => (job.keyId ? "charged to a key" : job.teamId ? `charged to ${teams.nameOf(job.teamId)}` : `charged to ${job.createdBy}`);

  return (
    <div className="space-y-6">
      {canEdit && <WarmupForm teams={teams.list} onStarted={setSelectedId} />}
      <Card>
        <CardHeader title="Jobs" description="Jobs run in the background, a few calls at a time; a restart resumes them without sending any prompt twice." />
        <WarmupJobsTable
          jobs={jobs.data?.data}
          isLoading={jobs.isLoading}
          error={jobs.error}
          onRetry={() => void jobs.refetch()}
          selectedId={selectedId}
          onSelect={(job) => setSelectedId(job.id)}
          chargedTo={chargedTo}
        />
      </Card>
      {selected && (
        <WarmupJobDetail
          key={selected.id}
          job={selected}
          canEdit={canEdit}
          onCancel={() => cancel.mutate(selected)}
          cancelling={cancel.isPending}
          cancelError={cancel.variables?.id === selected.id ? cancel.error : null}
        />
      )}
    </div>
  );
}
