import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { BatchStatus } from "@/lib/batches/schemas";

const TONES: Record<BatchStatus, BadgeTone> = {
  validating: "sky",
  in_progress: "indigo",
  finalizing: "indigo",
  completed: "green",
  failed: "red",
  expired: "amber",
  cancelling: "amber",
  cancelled: "neutral",
};

export function BatchStatusBadge({ status }: { status: BatchStatus }) {
  return (
    <Badge tone={TONES[status]} testId="batch-status">
      {status.replace("_", " ")}
    </Badge>
  );
}
