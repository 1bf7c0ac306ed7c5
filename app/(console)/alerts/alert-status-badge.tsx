import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { AlertEvent } from "@/lib/alerts/schemas";

const STATUS: Record<AlertEvent["status"], { tone: BadgeTone; label: string }> = {
  delivered: { tone: "green", label: "Delivered" },
  partial: { tone: "amber", label: "Partly delivered" },
  failed: { tone: "red", label: "Failed" },
  pending: { tone: "neutral", label: "Sending…" },
};

export function AlertStatusBadge({ status }: { status: AlertEvent["status"] }) {
  const { tone, label } = STATUS[status];
  return (
    <Badge tone={tone} testId="alert-status">
      {label}
    </Badge>
  );
}
