// What an audit row's target is called, for people: the name (or e-mail) the target had in the
// entry's own snapshot, so a row reads "key “ci-prod”" instead of "key cmx710zlb…" — and keeps
// reading that way after the key is renamed or deleted. Pure: used by the console's audit table.
import type { AuditLogEntry } from "./schemas";

type TargetEntry = Pick<AuditLogEntry, "targetType" | "targetId" | "before" | "after">;

const NAME_FIELDS = ["name", "email", "scopeName"] as const;

function nameIn(snapshot: unknown): string | null {
  if (!snapshot || typeof snapshot !== "object") return null;
  const record = snapshot as Record<string, unknown>;
  for (const field of NAME_FIELDS) {
    const value = record[field];
    if (typeof value === "string" && value.trim()) return value;
  }
  return null;
}

/** The target's name after the change (before it, for a delete); null when the snapshot has none. */
export function auditTargetName(entry: TargetEntry): string | null {
  return nameIn(entry.after) ?? nameIn(entry.before);
}

/** "key “ci-prod”", or the type and a shortened id when no name is known ("quota cmx710zl…"). */
export function auditTargetLabel(entry: TargetEntry): string {
  if (!entry.targetType) return "—";
  const name = auditTargetName(entry);
  if (name) return `${entry.targetType} “${name}”`;
  if (!entry.targetId) return entry.targetType;
  return `${entry.targetType} ${entry.targetId.length > 12 ? `${entry.targetId.slice(0, 10)}…` : entry.targetId}`;
}
