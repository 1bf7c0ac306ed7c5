"use client";
// How a call ended, at a glance: ok (green), error (red, with its type), refused (amber, with why).
import { Badge } from "@/components/ui/badge";
import type { UsageRecord } from "@/lib/query/types";
import { REFUSAL_LABELS, isRefusalReason } from "@/lib/usage/refusal-reasons";

export function refusalLabel(reason: string | null): string | null {
  if (!reason) return null;
  return isRefusalReason(reason) ? REFUSAL_LABELS[reason] : reason;
}

export function OutcomeBadge({ record }: { record: Pick<UsageRecord, "outcome" | "status" | "errorType" | "refusal"> }) {
  if (record.outcome === "refused") {
    return (
      <Badge tone="amber" title={record.errorType ?? undefined} testId="usage-status">
        Refused · {refusalLabel(record.refusal)}
      </Badge>
    );
  }
  if (record.outcome === "error") {
    return (
      <Badge tone="red" title={record.errorType ?? undefined} testId="usage-status">
        {record.status}
        {record.errorType ? ` · ${record.errorType}` : ""}
      </Badge>
    );
  }
  return (
    <Badge tone="green" testId="usage-status">
      {record.status}
    </Badge>
  );
}

const CACHE_LABELS: Record<string, string> = { hit: "Hit", "semantic-hit": "Semantic hit", miss: "Miss", shadow: "Shadow" };

export function cacheLabel(cache: string | null): string {
  return cache ? (CACHE_LABELS[cache] ?? cache) : "Not consulted";
}
