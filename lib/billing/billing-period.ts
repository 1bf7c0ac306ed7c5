// The console's billing period picker: presets resolved to whole calendar days in the deployment's
// time zone (the server's TOLLGATE_TIME_ZONE, handed to the page), sent as date-only bounds so the
// report, the CSV and the invoice all cover exactly the same days.
import { MAX_BILLING_RANGE_DAYS } from "./schemas";
import { addDays, daysFrom, firstDayOfMonth, isCalendarDay, localDayOf } from "../time/zoned";

export type PeriodPreset = "this-month" | "last-month" | "last-30-days" | "custom";

export interface PeriodSelection {
  preset: PeriodPreset;
  /** custom only: first day, inclusive */
  fromDay?: string;
  /** custom only: last day, inclusive */
  toDay?: string;
}

/** Inclusive calendar days, as the API's `from` / `to`. */
export interface BillingPeriod {
  from: string;
  to: string;
}

export const PERIOD_PRESETS: { value: PeriodPreset; label: string }[] = [
  { value: "this-month", label: "This month" },
  { value: "last-month", label: "Last month" },
  { value: "last-30-days", label: "Last 30 days" },
  { value: "custom", label: "Custom range" },
];

/** Why a custom period cannot be sent, or null when it can. */
export function periodProblem(selection: PeriodSelection): string | null {
  if (selection.preset !== "custom") return null;
  const { fromDay, toDay } = selection;
  if (!fromDay || !toDay || !isCalendarDay(fromDay) || !isCalendarDay(toDay)) return "Pick a first and a last day.";
  if (toDay < fromDay) return "The first day must not be after the last day.";
  if (daysFrom(fromDay, toDay).length > MAX_BILLING_RANGE_DAYS) return `A report covers at most ${MAX_BILLING_RANGE_DAYS} days.`;
  return null;
}

export function resolvePeriod(selection: PeriodSelection, timeZone: string, now: Date): BillingPeriod | null {
  const today = localDayOf(now, timeZone);
  switch (selection.preset) {
    case "this-month":
      return { from: firstDayOfMonth(today), to: today };
    case "last-month": {
      const lastDay = addDays(firstDayOfMonth(today), -1);
      return { from: firstDayOfMonth(lastDay), to: lastDay };
    }
    case "last-30-days":
      return { from: addDays(today, -29), to: today };
    case "custom":
      return periodProblem(selection) ? null : { from: selection.fromDay!, to: selection.toDay! };
  }
}
