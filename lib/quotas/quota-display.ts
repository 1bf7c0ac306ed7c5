// How the console shows quotas: one-line limit summaries and usage bars, prepared here (pure, unit
// tested) so the components only draw. Costs arrive in dollars, as the API speaks.
import { formatCurrency, formatNumber } from "../charts/format";
import type { QuotaLimitStatusBody } from "./schemas";

type Kind = QuotaLimitStatusBody["kind"];

export const PERIOD_LABELS = { daily: "Daily", monthly: "Monthly", total: "All time" } as const;
export const SCOPE_LABELS = { key: "Key", user: "User", team: "Team", org: "Organization", tier: "Tier" } as const;
export const KIND_LABELS = { calls: "Calls", tokens: "Tokens", cost: "Cost" } as const;

export function formatAmount(kind: Kind, value: number): string {
  if (kind === "cost") return formatCurrency(value);
  return `${formatNumber(value)} ${kind === "calls" ? (value === 1 ? "call" : "calls") : value === 1 ? "token" : "tokens"}`;
}

/** "1,000 calls · $10.00"; what a quota allows, in one line. */
export function limitSummary(quota: { maxCalls: number | null; maxTokens: number | null; maxCost: number | null }): string {
  const parts: string[] = [];
  if (quota.maxCalls !== null) parts.push(formatAmount("calls", quota.maxCalls));
  if (quota.maxTokens !== null) parts.push(formatAmount("tokens", quota.maxTokens));
  if (quota.maxCost !== null) parts.push(formatAmount("cost", quota.maxCost));
  return parts.join(" · ");
}

export type BarTone = "ok" | "warn" | "full";

/**
 * When a bar's limit frees up: a label and the instant, left as ISO for the component to show in the
 * viewer's zone (components/ui/local-time.tsx). Formatting it here would put the server's zone in
 * the server-rendered HTML and the viewer's in the browser: a hydration mismatch.
 */
export interface BarReset {
  /** "resets", "frees up"; or the whole text when there is no instant ("never resets"). */
  label: string;
  at: string | null;
}

export interface UsageBar {
  id: string;
  title: string;
  used: string;
  limit: string;
  remaining: string;
  /** 0..1 for the bar's width */
  fill: number;
  percent: string;
  tone: BarTone;
  resets: BarReset;
  fromTier: boolean;
}

export function usageBar(status: QuotaLimitStatusBody): UsageBar {
  const ratio = status.limit > 0 ? status.used / status.limit : status.used > 0 ? Infinity : 1;
  const fill = Math.min(1, Math.max(0, ratio));
  return {
    id: `${status.periodKey}:${status.kind}`,
    title: `${PERIOD_LABELS[status.period]} ${KIND_LABELS[status.kind].toLowerCase()}`,
    used: formatAmount(status.kind, status.used),
    limit: formatAmount(status.kind, status.limit),
    remaining: `${formatAmount(status.kind, status.remaining)} left`,
    fill,
    percent: Number.isFinite(ratio) ? `${Math.round(ratio * 100)}%` : "—",
    tone: ratio >= 1 ? "full" : ratio >= 0.8 ? "warn" : "ok",
    resets: status.resetsAt ? { label: "resets", at: status.resetsAt } : { label: "never resets", at: null },
    fromTier: status.source === "tier",
  };
}
