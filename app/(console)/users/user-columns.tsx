"use client";
import type { Column } from "@/components/data-table/data-table";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { LocalTime } from "@/components/ui/local-time";
import { TruncatedText } from "@/components/ui/truncated-text";
import { monthSpendColumns, type MonthSpend } from "@/components/spend/month-spend-columns";
import type { User } from "@/lib/query/types";

const ROLE_TONE = { admin: "indigo", developer: "sky", viewer: "neutral" } as const;

export function userColumns(options: {
  canEdit: boolean;
  currentUserId: string;
  onEdit: (user: User) => void;
  onDelete: (user: User) => void;
  /** opens the user's effective limits (quotas explicit and from the tier, rate limits, key limits) */
  onLimits: (user: User) => void;
  /** spend and calls this month of the users on screen (the columns are left out without it) */
  spend?: MonthSpend;
}): Column<User>[] {
  const columns: Column<User>[] = [
    {
      id: "name",
      header: "Name",
      cell: (user) => (
        <div>
          <p className="font-medium text-slate-900">
            {user.name}
            {user.id === options.currentUserId && <span className="ml-1.5 text-xs font-normal text-slate-400">(you)</span>}
          </p>
          <p className="text-xs text-slate-500">{user.email}</p>
        </div>
      ),
    },
    { id: "role", header: "Role", cell: (user) => <Badge tone={ROLE_TONE[user.role]}>{user.role}</Badge> },
    { id: "tier", header: "Tier", cell: (user) => <span className="capitalize">{user.tier}</span> },
    { id: "team", header: "Team", cell: (user) => (user.teamName ? <TruncatedText text={user.teamName} testId="user-team" /> : <span className="text-slate-400">No team</span>) },
    {
      id: "access",
      header: "Console",
      cell: (user) =>
        user.disabled ? <Badge tone="red">disabled</Badge> : user.hasPassword ? <Badge tone="green">can sign in</Badge> : <Badge>keys only</Badge>,
    },
    ...(options.spend ? monthSpendColumns<User>(options.spend) : []),
    { id: "created", header: "Created", cell: (user) => <LocalTime iso={user.createdAt} /> },
  ];
  // One pinned column of row actions: everyone who may list users may read their limits; admins
  // also edit and delete.
  columns.push({
    id: "actions",
    header: <span className="sr-only">Actions</span>,
    align: "right",
    pinned: "right",
    cell: (user) => (
      <div className="flex justify-end gap-1">
        <Button size="sm" variant="ghost" onClick={() => options.onLimits(user)} aria-label={`Limits of ${user.email}`} data-testid="user-limits">
          Limits
        </Button>
        {options.canEdit && (
          <Button size="sm" variant="ghost" onClick={() => options.onEdit(user)} aria-label={`Edit ${user.email}`} data-testid="edit-user">
            Edit
          </Button>
        )}
        {/* Deleting yourself would end the session mid-click; the API refuses it anyway. */}
        {options.canEdit && user.id !== options.currentUserId && (
          <Button size="sm" variant="ghost" className="text-red-600 hover:text-red-700" onClick={() => options.onDelete(user)} aria-label={`Delete ${user.email}`} data-testid="delete-user">
            Delete
          </Button>
        )}
      </div>
    ),
  });
  return columns;
}
