"use client";
// Draws prepared usage bars (lib/quotas/quota-display.ts): used of limit, what is left, when it resets.
import { Badge } from "@/components/ui/badge";
import { BarResetText } from "@/components/limits/bar-reset";
import { cn } from "@/components/ui/cn";
import type { BarTone, UsageBar } from "@/lib/quotas/quota-display";

const FILL: Record<BarTone, string> = { ok: "bg-indigo-500", warn: "bg-amber-500", full: "bg-red-500" };

export function UsageBars({ bars }: { bars: UsageBar[] }) {
  return (
    <ul className="divide-y divide-slate-100" data-testid="usage-bars">
      {bars.map((bar) => (
        <li key={bar.id} className="grid grid-cols-1 gap-2 px-4 py-3 md:grid-cols-[12rem_1fr_16rem] md:items-center md:gap-4" data-testid="usage-bar">
          <div className="flex items-center gap-2">
            <span className="text-sm font-medium text-slate-900">{bar.title}</span>
            {bar.fromTier && <Badge tone="sky" title="A default of the user's tier">tier</Badge>}
          </div>
          <div>
            <div
              className="h-2.5 w-full overflow-hidden rounded-full bg-slate-100"
              role="progressbar"
              aria-label={bar.title}
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={Math.round(bar.fill * 100)}
            >
              <div className={cn("h-full rounded-full transition-[width]", FILL[bar.tone])} style={{ width: `${bar.fill * 100}%` }} />
            </div>
            <p className="mt-1 text-xs text-slate-500">
              <span className="font-medium text-slate-700" data-testid="usage-bar-used">
                {bar.used}
              </span>{" "}
              of {bar.limit} · {bar.percent}
            </p>
          </div>
          <div className="text-xs text-slate-500 md:text-right">
            <p className={cn("font-medium", bar.tone === "full" ? "text-red-700" : "text-slate-700")}>{bar.remaining}</p>
            <p>
              <BarResetText reset={bar.resets} />
            </p>
          </div>
        </li>
      ))}
    </ul>
  );
}
