"use client";
// Marks a key or team whose calls have their bodies captured (lib/capture), wherever it is listed.
import { useQuery } from "@tanstack/react-query";
import { Badge } from "@/components/ui/badge";
import { captureSettingsQuery } from "@/lib/query/capture";

export function useCapturedScopes(): Set<string> {
  const settings = useQuery(captureSettingsQuery());
  return new Set((settings.data?.data ?? []).map((s) => `${s.scope}:${s.scopeId}`));
}

export function CaptureBadge({ on, className }: { on: boolean; className?: string }) {
  if (!on) return null;
  return (
    <Badge tone="indigo" className={className} title="Request and response bodies of its calls are stored (secrets redacted) for debugging" testId="capture-on-badge">
      capture on
    </Badge>
  );
}
