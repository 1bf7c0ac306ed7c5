"use client";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { CaptureBadge, useCapturedScopes } from "@/components/capture/capture-badge";
import { managedLock, NameWithManagedBadge } from "@/components/config-file/managed-badge";
import { DataTable, type Column } from "@/components/data-table/data-table";
import { LimitsDialog, type LimitsTarget } from "@/components/limits/limits-dialog";
import { monthSpendColumns, useMonthSpend } from "@/components/spend/month-spend-columns";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { PageHeader } from "@/components/ui/page-header";
import { LocalTime } from "@/components/ui/local-time";
import { EmptyState } from "@/components/ui/states";
import { TruncatedText } from "@/components/ui/truncated-text";
import { useToast } from "@/components/ui/toast";
import { formatNumber } from "@/lib/charts/format";
import { errorMessage } from "@/lib/query/api-error";
import { queryKeys } from "@/lib/query/query-keys";
import { deleteTeam, teamsQuery } from "@/lib/query/teams";
import type { Team } from "@/lib/query/types";
import { useInvalidatingMutation } from "@/lib/query/use-invalidating-mutation";
import { TeamFormDialog } from "./team-form-dialog";

export function TeamsPageClient({ canEdit }: { canEdit: boolean }) {
  const [editing, setEditing] = useState<Team | "new" | null>(null);
  const [deleting, setDeleting] = useState<Team | null>(null);
  const [limitsOf, setLimitsOf] = useState<LimitsTarget | null>(null);
  const captured = useCapturedScopes();
  const toast = useToast();
  const query = useQuery(teamsQuery());
  const spend = useMonthSpend("team", query.data?.data);
  // Members of a deleted team become team-less, which the users list shows.
  const remove = useInvalidatingMutation((team: Team) => deleteTeam(team.id), [queryKeys.teams.all, queryKeys.users.all], (_, team) => {
    setDeleting(null);
    toast(`Team “${team.name}” deleted`);
  });

  const columns: Column<Team>[] = [
    {
      id: "name",
      header: "Name",
      cell: (team) => (
        <NameWithManagedBadge item={team}>
          <span className="flex items-center gap-1.5 font-medium text-slate-900">
            <TruncatedText text={team.name} testId="team-name" />
            <CaptureBadge on={captured.has(`team:${team.id}`)} />
          </span>
        </NameWithManagedBadge>
      ),
    },
    { id: "members", header: "Members", align: "right", cell: (team) => formatNumber(team.memberCount) },
    ...monthSpendColumns<Team>(spend),
    { id: "created", header: "Created", cell: (team) => <LocalTime iso={team.createdAt} /> },
    { id: "updated", header: "Updated", cell: (team) => <LocalTime iso={team.updatedAt} /> },
    {
      // One pinned column of row actions: everyone reads a team's limits; admins also rename and delete.
      id: "actions",
      header: <span className="sr-only">Actions</span>,
      align: "right",
      pinned: "right",
      cell: (team) => (
        <div className="flex justify-end gap-1">
          <Button size="sm" variant="ghost" onClick={() => setLimitsOf({ scope: "team", id: team.id, name: `team ${team.name}` })} aria-label={`Limits of ${team.name}`} data-testid="team-limits">
            Limits
          </Button>
          {canEdit && (
            <>
              <Button size="sm" variant="ghost" onClick={() => setEditing(team)} aria-label={`Rename ${team.name}`} data-testid="edit-team" {...managedLock(team)}>
                Rename
              </Button>
              <Button
                size="sm"
                variant="ghost"
                className="text-red-600 hover:text-red-700"
                aria-label={`Delete ${team.name}`}
                data-testid="delete-team"
                {...managedLock(team)}
                onClick={() => {
                  remove.reset();
                  setDeleting(team);
                }}
              >
                Delete
              </Button>
            </>
          )}
        </div>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title="Teams"
        description="Group users so their usage, keys and quotas roll up together."
        actions={
          canEdit && (
            <Button variant="primary" onClick={() => setEditing("new")} data-testid="create-team">
              New team
            </Button>
          )
        }
      />
      <Card>
        <DataTable
          label="Teams"
          testId="teams-table"
          rowTestId="team-row"
          columns={columns}
          rows={query.data?.data}
          rowKey={(team) => team.id}
          isLoading={query.isLoading}
          error={query.error}
          onRetry={() => void query.refetch()}
          empty={<EmptyState title="No teams yet" description={canEdit ? "Create a team, then assign users to it from the Users page." : undefined} />}
        />
      </Card>
      <TeamFormDialog team={editing} onClose={() => setEditing(null)} />
      <LimitsDialog target={limitsOf} onClose={() => setLimitsOf(null)} canManage={canEdit} />
      <ConfirmDialog
        open={deleting !== null}
        onClose={() => setDeleting(null)}
        onConfirm={() => deleting && remove.mutate(deleting)}
        title="Delete team?"
        description={
          <>
            <strong>{deleting?.name}</strong> has {formatNumber(deleting?.memberCount ?? 0)} member(s). They stay in Tollgate without a team.
          </>
        }
        confirmLabel="Delete team"
        pending={remove.isPending}
        error={remove.error ? errorMessage(remove.error) : undefined}
      />
    </>
  );
}
