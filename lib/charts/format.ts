// Display formatting shared by charts, KPI cards and tables. The locale is fixed so that the server
// render, the browser and the unit tests all produce the same strings.
const LOCALE = "en-US";

const integerFormat = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 0 });
const compactFormat = new Intl.NumberFormat(LOCALE, { notation: "compact", maximumFractionDigits: 1 });
const centsFormat = new Intl.NumberFormat(LOCALE, { style: "currency", currency: "USD", minimumFractionDigits: 2, maximumFractionDigits: 2 });
const subCentFormat = new Intl.NumberFormat(LOCALE, { style: "currency", currency: "USD", maximumSignificantDigits: 2 });
const compactCurrencyFormat = new Intl.NumberFormat(LOCALE, { style: "currency", currency: "USD", notation: "compact", maximumFractionDigits: 1 });
const percentFormat = new Intl.NumberFormat(LOCALE, { style: "percent", maximumFractionDigits: 1 });

export const EMPTY_VALUE = "—";

export function formatNumber(value: number): string {
  return integerFormat.format(value);
}

/** 1234 -> "1.2K"; used where space is tight (axes, KPI cards). */
export function formatCompact(value: number): string {
  return compactFormat.format(value);
}

/**
 * Dollars with cents, except that sub-cent amounts keep two significant digits: a single call often
 * costs $0.00012, and "$0.00" would read as free.
 */
export function formatCurrency(dollars: number): string {
  if (dollars === 0) return centsFormat.format(0);
  return Math.abs(dollars) < 0.01 ? subCentFormat.format(dollars) : centsFormat.format(dollars);
}

const priceFormat = new Intl.NumberFormat(LOCALE, { style: "currency", currency: "USD", minimumFractionDigits: 2, maximumFractionDigits: 6 });

/** A price per 1M tokens at full precision: $0.075 must not be rounded to $0.08. */
export function formatPrice(dollars: number | null | undefined): string {
  if (dollars === null || dollars === undefined) return EMPTY_VALUE;
  return priceFormat.format(dollars);
}

/** Axis ticks: "$1.2K", "$0.05", "$0.0003". */
export function formatCurrencyAxis(dollars: number): string {
  if (Math.abs(dollars) >= 1000) return compactCurrencyFormat.format(dollars);
  return formatCurrency(dollars);
}

/** A ratio 0..1 as a percentage; null (no calls) renders as a dash rather than 0%. */
export function formatPercent(ratio: number | null): string {
  return ratio === null ? EMPTY_VALUE : percentFormat.format(ratio);
}

/** Milliseconds as "850 ms" or "1.25 s". */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return EMPTY_VALUE;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}

/** "2025-11-23" -> "Nov 23". Days are UTC calendar days, so format them in UTC. */
export function formatDayLabel(day: string): string {
  const date = new Date(`${day}T00:00:00.000Z`);
  if (Number.isNaN(date.getTime())) return day;
  return date.toLocaleDateString(LOCALE, { month: "short", day: "numeric", timeZone: "UTC" });
}

/**
 * A timestamp in the viewer's time zone, to the second: the usage table is read next to logs.
 * `timeZone` pins the zone (server-rendered HTML, which cannot know the viewer's; see LocalTime).
 */
export function formatDateTime(iso: string | null | undefined, timeZone?: string): string {
  if (!iso) return EMPTY_VALUE;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return EMPTY_VALUE;
  return date.toLocaleString(LOCALE, {
    month: "short",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    // Not `hour12: false`: with it Node's ICU writes the midnight hour as "24" and Chromium's as "00",
    // so every server-rendered time between 00:00 and 01:00 failed to hydrate.
    hourCycle: "h23",
    timeZone,
  });
}

/** A date without time, for created/expires columns; `timeZone` as for formatDateTime. */
export function formatDate(iso: string | null | undefined, timeZone?: string): string {
  if (!iso) return EMPTY_VALUE;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return EMPTY_VALUE;
  return date.toLocaleDateString(LOCALE, { year: "numeric", month: "short", day: "numeric", timeZone });
}
