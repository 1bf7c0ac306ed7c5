"use client";
import type { Column } from "@/components/data-table/data-table";
import { CaptureBadge } from "@/components/capture/capture-badge";
import { monthSpendColumns, type MonthSpend } from "@/components/spend/month-spend-columns";
import { Button } from "@/components/ui/button";
import { LocalTime } from "@/components/ui/local-time";
import { TruncatedText } from "@/components/ui/truncated-text";
import type { ApiKey } from "@/lib/query/types";
import { KeyStatusBadge } from "./key-status-badge";

export function keyColumns(options: {
  currentUserId: string;
  /** may change or revoke this key */
  canRevoke: (key: ApiKey) => boolean;
  onRevoke: (key: ApiKey) => void;
  onEdit: (key: ApiKey) => void;
  /** opens the key's effective limits (and body capture) */
  onLimits: (key: ApiKey) => void;
  /** "key:<id>" of keys whose bodies are captured */
  captured: Set<string>;
  /** spend and calls this month of the keys on screen */
  spend: MonthSpend;
}): Column<ApiKey>[] {
  return [
    {
      id: "name",
      header: "Name",
      cell: (key) => (
        <span className="flex items-center font-medium text-slate-900">
          <TruncatedText text={key.name} />
          <CaptureBadge on={options.captured.has(`key:${key.id}`)} className="ml-1.5" />
        </span>
      ),
    },
    {
      id: "prefix",
      header: "Key",
      // Only the prefix is stored in the clear; enough to recognise a key in a config file.
      cell: (key) => <code className="whitespace-nowrap rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs">{key.prefix}…</code>,
    },
    { id: "owner", header: "Owner", cell: (key) => (key.userId === options.currentUserId ? "You" : key.userEmail) },
    {
      id: "models",
      header: "Models",
      // What the key may call now: its own list within the limits an admin set on its owner.
      cell: (key) =>
        key.allowedModels === null ? (
          <span className="text-slate-500">All models</span>
        ) : key.allowedModels.length === 0 ? (
          <span className="text-red-600" title="None of the key's models is among those its owner may use">
            None
          </span>
        ) : (
          <span title={key.allowedModels.join(", ")}>{key.allowedModels.length <= 2 ? key.allowedModels.join(", ") : `${key.allowedModels.length} models`}</span>
        ),
    },
    { id: "expires", header: "Expires", cell: (key) => (key.expiresAt ? <LocalTime iso={key.expiresAt} /> : "Never") },
    { id: "lastUsed", header: "Last used", cell: (key) => (key.lastUsedAt ? <LocalTime iso={key.lastUsedAt} withTime /> : "Never") },
    ...monthSpendColumns<ApiKey>(options.spend),
    { id: "created", header: "Created", cell: (key) => <LocalTime iso={key.createdAt} /> },
    { id: "status", header: "Status", cell: (key) => <KeyStatusBadge status={key.status} /> },
    {
      id: "actions",
      header: <span className="sr-only">Actions</span>,
      align: "right",
      pinned: "right",
      cell: (key) => (
        <span className="inline-flex gap-1">
          <Button size="sm" variant="ghost" onClick={() => options.onLimits(key)} aria-label={`Limits of key ${key.name}`} data-testid="key-limits">
            Limits
          </Button>
          {key.status !== "revoked" && options.canRevoke(key) ? (
            <Button size="sm" variant="ghost" onClick={() => options.onEdit(key)} aria-label={`Edit key ${key.name}`} data-testid="edit-key">
              Edit
            </Button>
          ) : null}
          {key.status === "active" && options.canRevoke(key) ? (
            <Button size="sm" variant="ghost" className="text-red-600 hover:text-red-700" onClick={() => options.onRevoke(key)} aria-label={`Revoke key ${key.name}`} data-testid="revoke-key">
              Revoke
            </Button>
          ) : null}
        </span>
      ),
    },
  ];
}
