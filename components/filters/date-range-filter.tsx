"use client";
import { Input, Select } from "@/components/ui/input";
import { Label } from "@/components/ui/field";
import { toDayKey, type RangePreset } from "@/lib/charts/date-range";
import type { DateRangeState } from "./use-date-range";

const PRESETS: { value: RangePreset; label: string }[] = [
  { value: "24h", label: "Last 24 hours" },
  { value: "7d", label: "Last 7 days" },
  { value: "30d", label: "Last 30 days" },
  { value: "custom", label: "Custom range" },
];

/** Preset picker; "Custom range" adds from/to day inputs (inclusive, UTC days). */
export function DateRangeFilter({ state, idPrefix }: { state: DateRangeState; idPrefix: string }) {
  const { selection, range, select } = state;
  const isCustom = selection.preset === "custom";
  const invalid = isCustom && !range && Boolean(selection.fromDay && selection.toDay);
  return (
    <div className="flex flex-wrap items-end gap-2">
      <div className="space-y-1">
        <Label htmlFor={`${idPrefix}-range`} className="text-xs text-slate-500">
          Date range
        </Label>
        <Select
          id={`${idPrefix}-range`}
          data-testid="date-range-select"
          value={selection.preset}
          className="w-40"
          onChange={(event) => {
            const preset = event.target.value as RangePreset;
            if (preset !== "custom") return select({ preset });
            // Start a custom range from today so both inputs hold a valid day.
            const today = toDayKey(new Date());
            select({ preset, fromDay: selection.fromDay ?? today, toDay: selection.toDay ?? today });
          }}
        >
          {PRESETS.map((preset) => (
            <option key={preset.value} value={preset.value}>
              {preset.label}
            </option>
          ))}
        </Select>
      </div>
      {isCustom && (
        <>
          <div className="space-y-1">
            <Label htmlFor={`${idPrefix}-from`} className="text-xs text-slate-500">
              From (UTC)
            </Label>
            <Input
              id={`${idPrefix}-from`}
              type="date"
              data-testid="date-range-from"
              className="w-40"
              value={selection.fromDay ?? ""}
              aria-invalid={invalid || undefined}
              onChange={(event) => select({ ...selection, fromDay: event.target.value })}
            />
          </div>
          <div className="space-y-1">
            <Label htmlFor={`${idPrefix}-to`} className="text-xs text-slate-500">
              To (UTC)
            </Label>
            <Input
              id={`${idPrefix}-to`}
              type="date"
              data-testid="date-range-to"
              className="w-40"
              value={selection.toDay ?? ""}
              aria-invalid={invalid || undefined}
              onChange={(event) => select({ ...selection, toDay: event.target.value })}
            />
          </div>
          {invalid && (
            <p role="alert" className="pb-2 text-xs text-red-600">
              The start must not be after the end.
            </p>
          )}
        </>
      )}
    </div>
  );
}
