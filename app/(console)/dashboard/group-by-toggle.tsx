"use client";
import { cn } from "@/components/ui/cn";

export type GroupBy = "model" | "user";

const OPTIONS: { value: GroupBy; label: string }[] = [
  { value: "model", label: "By model" },
  { value: "user", label: "By user" },
];

/** Segmented control choosing how the calls and cost charts are stacked. */
export function GroupByToggle({ value, onChange }: { value: GroupBy; onChange: (value: GroupBy) => void }) {
  return (
    <div role="group" aria-label="Stack charts by" className="inline-flex rounded-md bg-white p-0.5 shadow-sm ring-1 ring-slate-300">
      {OPTIONS.map((option) => (
        <button
          key={option.value}
          type="button"
          aria-pressed={value === option.value}
          data-testid={`group-by-${option.value}`}
          onClick={() => onChange(option.value)}
          className={cn(
            "rounded px-3 py-1.5 text-xs font-medium transition-colors focus-visible:outline-2 focus-visible:outline-indigo-600",
            value === option.value ? "bg-indigo-600 text-white" : "text-slate-600 hover:bg-slate-100",
          )}
        >
          {option.label}
        </button>
      ))}
    </div>
  );
}
