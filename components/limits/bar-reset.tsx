"use client";
// "resets Dec 4, 00:00:00" under a usage or limit bar, the time in the viewer's zone through
// LocalTime, so a bar rendered on the server hydrates without a mismatch.
import { LocalTime } from "@/components/ui/local-time";
import type { BarReset } from "@/lib/quotas/quota-display";

export function BarResetText({ reset }: { reset: BarReset }) {
  if (!reset.at) return <>{reset.label}</>;
  return (
    <>
      {reset.label} <LocalTime iso={reset.at} withTime />
    </>
  );
}
