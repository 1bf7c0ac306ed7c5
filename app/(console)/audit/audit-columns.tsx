"use client";
import type { Column } from "@/components/data-table/data-table";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { LocalTime } from "@/components/ui/local-time";
import type { AuditLogEntry } from "@/lib/audit/schemas";
import { auditTargetName } from "@/lib/audit/target-label";

/** Colour by what happened: green for additions, red for removals, amber for refused sign-ins. */
export function actionTone(action: string): BadgeTone {
  switch (action.slice(action.lastIndexOf(".") + 1)) {
    case "create":
      return "green";
    case "delete":
    case "revoke":
      return "red";
    case "sign_in_failed":
      return "amber";
    case "sign_in":
      return "sky";
    default:
      return "indigo";
  }
}

export function actorLabel(entry: Pick<AuditLogEntry, "actorType" | "actorId" | "actorEmail">): string {
  if (entry.actorType === "admin-api-key") return "Admin API key";
  if (entry.actorType === "anonymous") return entry.actorEmail ? `${entry.actorEmail} (not signed in)` : "Not signed in";
  if (entry.actorType === "system") return "Tollgate";
  return entry.actorEmail || entry.actorId || "—";
}

const linkClass = "max-w-full truncate text-left hover:text-indigo-600 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-600";

export function auditColumns(options: {
  onFilterActor: (actor: string) => void;
  onFilterTarget: (targetType: string, targetId: string) => void;
  onOpen: (entry: AuditLogEntry) => void;
}): Column<AuditLogEntry>[] {
  return [
    {
      id: "time",
      header: "Time",
      className: "whitespace-nowrap",
      cell: (e) => (
        <span title={e.createdAt}>
          <LocalTime iso={e.createdAt} withTime />
        </span>
      ),
    },
    {
      id: "actor",
      header: "Actor",
      className: "max-w-64",
      cell: (e) => {
        const filterBy = e.actorId ?? e.actorEmail;
        const label = actorLabel(e);
        return filterBy ? (
          <button type="button" className={linkClass} title={`Only entries by ${label}`} onClick={() => options.onFilterActor(filterBy)} data-testid="audit-actor">
            {label}
          </button>
        ) : (
          <span className="text-slate-400">{label}</span>
        );
      },
    },
    {
      id: "action",
      header: "Action",
      cell: (e) => (
        <Badge tone={actionTone(e.action)} testId="audit-action" className="font-mono">
          {e.action}
        </Badge>
      ),
    },
    {
      id: "target",
      header: "Target",
      className: "max-w-72",
      cell: (e) => {
        if (!e.targetType || !e.targetId) return <span className="text-slate-400">{e.targetType ?? "—"}</span>;
        // The name the target had in this entry; the id (what the filter uses) is in the tooltip.
        const name = auditTargetName(e);
        return (
          <button
            type="button"
            className={linkClass}
            title={`Only entries about ${e.targetType} ${e.targetId}`}
            onClick={() => options.onFilterTarget(e.targetType!, e.targetId!)}
            data-testid="audit-target"
            data-target-id={e.targetId}
          >
            <span className="text-slate-500">{e.targetType}</span> {name ? <span>{name}</span> : <span className="font-mono text-xs">{e.targetId}</span>}
          </button>
        );
      },
    },
    { id: "ip", header: "IP", className: "whitespace-nowrap", cell: (e) => (e.ip ? <span className="font-mono text-xs">{e.ip}</span> : <span className="text-slate-400">—</span>) },
    {
      id: "details",
      header: <span className="sr-only">Details</span>,
      align: "right",
      cell: (e) => (
        <Button size="sm" variant="ghost" onClick={() => options.onOpen(e)} aria-label={`Details of entry ${e.id}`} data-testid="audit-open">
          Details
        </Button>
      ),
    },
  ];
}
