import type { ReactNode } from "react";
import { cn } from "./cn";

const TONES = {
  error: "bg-red-50 text-red-800 ring-red-600/20",
  warning: "bg-amber-50 text-amber-900 ring-amber-600/30",
  info: "bg-indigo-50 text-indigo-900 ring-indigo-600/20",
} as const;

/** A message inside a form or a panel; errors are announced to screen readers right away. */
export function InlineAlert({ tone, children, className, testId }: { tone: keyof typeof TONES; children: ReactNode; className?: string; testId?: string }) {
  return (
    <div
      role={tone === "error" ? "alert" : "status"}
      data-testid={testId}
      className={cn("rounded-md px-3 py-2 text-sm ring-1 ring-inset", TONES[tone], className)}
    >
      {children}
    </div>
  );
}
