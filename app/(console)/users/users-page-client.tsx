"use client";
import { useQuery } from "@tanstack/react-query";
import { useDeferredValue, useState } from "react";
import { DataTable } from "@/components/data-table/data-table";
import { LimitsDialog, type LimitsTarget } from "@/components/limits/limits-dialog";
import { useMonthSpend } from "@/components/spend/month-spend-columns";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/states";
import { useToast } from "@/components/ui/toast";
import { errorMessage } from "@/lib/query/api-error";
import { queryKeys, type UserFilters } from "@/lib/query/query-keys";
import type { User } from "@/lib/query/types";
import { useInvalidatingMutation } from "@/lib/query/use-invalidating-mutation";
import { deleteUser, usersQuery } from "@/lib/query/users";
import { userColumns } from "./user-columns";
import { UserFilterBar } from "./user-filter-bar";
import { UserFormDialog } from "./user-form-dialog";

/** `passwordMinLength`: the server's PASSWORD_MIN_LENGTH, which the user form's password follows. */
export function UsersPageClient({ canEdit, currentUserId, passwordMinLength }: { canEdit: boolean; currentUserId: string; passwordMinLength: number }) {
  const [filters, setFilters] = useState<UserFilters>({});
  // Typing in the search box should not fire a request per keystroke while the list re-renders.
  const deferredFilters = useDeferredValue(filters);
  const [editing, setEditing] = useState<User | "new" | null>(null);
  const [deleting, setDeleting] = useState<User | null>(null);
  const [limitsOf, setLimitsOf] = useState<LimitsTarget | null>(null);
  const toast = useToast();
  const query = useQuery(usersQuery(deferredFilters));
  const spend = useMonthSpend("user", query.data?.data);
  // Deleting a user also removes their keys and changes team member counts.
  const remove = useInvalidatingMutation((user: User) => deleteUser(user.id), [queryKeys.users.all, queryKeys.teams.all, queryKeys.keys.all], (_, user) => {
    setDeleting(null);
    toast(`${user.email} deleted`);
  });
  const filtered = Boolean(filters.q || filters.role || filters.teamId);

  const columns = userColumns({
    canEdit,
    currentUserId,
    onEdit: setEditing,
    onDelete: (user) => {
      remove.reset();
      setDeleting(user);
    },
    onLimits: (user) => setLimitsOf({ scope: "user", id: user.id, name: user.email }),
    spend,
  });

  return (
    <>
      <PageHeader
        title="Users"
        description="Everyone who can sign in to the console or own API keys."
        actions={
          canEdit && (
            <Button variant="primary" onClick={() => setEditing("new")} data-testid="create-user">
              Add user
            </Button>
          )
        }
      />
      <UserFilterBar filters={filters} onChange={setFilters} />
      <Card>
        <DataTable
          label="Users"
          testId="users-table"
          rowTestId="user-row"
          columns={columns}
          rows={query.data?.data}
          rowKey={(user) => user.id}
          isLoading={query.isLoading}
          error={query.error}
          onRetry={() => void query.refetch()}
          empty={<EmptyState title={filtered ? "No users match these filters" : "No users yet"} />}
        />
      </Card>
      <UserFormDialog user={editing} onClose={() => setEditing(null)} passwordMinLength={passwordMinLength} />
      <LimitsDialog target={limitsOf} onClose={() => setLimitsOf(null)} canManage={canEdit} />
      <ConfirmDialog
        open={deleting !== null}
        onClose={() => setDeleting(null)}
        onConfirm={() => deleting && remove.mutate(deleting)}
        title="Delete user?"
        description={
          <>
            <strong>{deleting?.email}</strong> is removed together with their API keys, which stop working immediately. To keep the
            account but block it, edit the user and disable it instead.
          </>
        }
        confirmLabel="Delete user"
        pending={remove.isPending}
        error={remove.error ? errorMessage(remove.error) : undefined}
      />
    </>
  );
}
