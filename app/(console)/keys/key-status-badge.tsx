import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { KeyStatus } from "@/lib/query/types";

const TONES: Record<KeyStatus, BadgeTone> = { active: "green", revoked: "red", expired: "amber" };

export function KeyStatusBadge({ status }: { status: KeyStatus }) {
  return (
    <Badge tone={TONES[status]} testId="key-status">
      {status}
    </Badge>
  );
}
