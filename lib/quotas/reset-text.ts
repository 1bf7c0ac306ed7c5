// When a limit resets, in words a person reads at a glance: "at 14:00 UTC (in 2 h 5 min)" today,
// "on 1 Dec at 00:00 UTC (in 12 days 3 h)" later. The zone is the one quota periods are cut in
// (TOLLGATE_TIME_ZONE), so the wall-clock time is the boundary an admin configured.

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

const clockFormats = new Map<string, Intl.DateTimeFormat>();
const dayFormats = new Map<string, Intl.DateTimeFormat>();

function clockFormat(timeZone: string): Intl.DateTimeFormat {
  let format = clockFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZoneName: "short" });
    clockFormats.set(timeZone, format);
  }
  return format;
}

function dayFormat(timeZone: string): Intl.DateTimeFormat {
  let format = dayFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-GB", { timeZone, day: "numeric", month: "short", year: "numeric" });
    dayFormats.set(timeZone, format);
  }
  return format;
}

function plural(value: number, unit: string): string {
  return `${value} ${unit}${value === 1 ? "" : "s"}`;
}

/** "45 s", "2 h 5 min", "3 days 2 h": the two largest units, rounded up so it is never early. */
export function humanDuration(ms: number): string {
  const total = Math.max(0, ms);
  if (total < MINUTE_MS) return `${Math.max(1, Math.ceil(total / 1000))} s`;
  const minutes = Math.ceil(total / MINUTE_MS);
  if (minutes < 60) return `${minutes} min`;
  if (minutes < 24 * 60) {
    const hours = Math.floor(minutes / 60);
    const rest = minutes % 60;
    return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
  }
  const hoursTotal = Math.ceil(total / HOUR_MS);
  const days = Math.floor(hoursTotal / 24);
  const hours = hoursTotal % 24;
  return hours === 0 ? plural(days, "day") : `${plural(days, "day")} ${hours} h`;
}

/** The local day of an instant, for comparing two instants' days in one zone. */
function dayKey(instant: number, timeZone: string): string {
  return dayFormat(timeZone).format(instant);
}

/**
 * "at 14:00 UTC (in 2 h 5 min)" when the reset falls on the same local day as now, otherwise
 * "on 1 Dec 2026 at 00:00 UTC (in 12 days 3 h)".
 */
export function resetPhrase(resetsAt: Date, now: number, timeZone: string): string {
  const at = resetsAt.getTime();
  const clock = clockFormat(timeZone).format(at);
  const within = humanDuration(at - now);
  const sameDay = at - now < DAY_MS && dayKey(at, timeZone) === dayKey(now, timeZone);
  return sameDay ? `at ${clock} (in ${within})` : `on ${dayKey(at, timeZone)} at ${clock} (in ${within})`;
}
