// How the console shows effective limits (GET /api/admin/limits): one group of bars per scope the
// limits belong to ("This key", "Owner alice@…", "Team Platform", "Organization"), rate limits as
// bars over the last minute, and the near-limit banner's sentences. Pure, so it is unit tested and
// the components only draw.
import { formatNumber } from "../charts/format";
import { usageBar, type UsageBar } from "./quota-display";
import type { EffectiveLimitsBody } from "./schemas";

export interface LimitGroup {
  id: string;
  title: string;
  bars: UsageBar[];
}

const RATE_TITLES = { rpm: "Requests per minute", tpm: "Tokens per minute" } as const;

function rateBar(rate: EffectiveLimitsBody["rateLimits"][number]): UsageBar {
  const ratio = rate.limit > 0 ? rate.used / rate.limit : rate.used > 0 ? Infinity : 1;
  const unit = rate.kind === "rpm" ? "requests" : "tokens";
  return {
    id: `rate:${rate.scope}:${rate.kind}`,
    title: RATE_TITLES[rate.kind],
    used: `${formatNumber(rate.used)} ${unit}`,
    limit: `${formatNumber(rate.limit)} ${unit}`,
    remaining: `${formatNumber(rate.remaining)} ${unit} left`,
    fill: Math.min(1, Math.max(0, ratio)),
    percent: Number.isFinite(ratio) ? `${Math.round(ratio * 100)}%` : "—",
    tone: ratio >= 1 ? "full" : ratio >= 0.8 ? "warn" : "ok",
    resets: rate.resetsAt ? { label: "frees up", at: rate.resetsAt } : { label: "last 60 seconds", at: null },
    fromTier: false,
  };
}

function groupTitle(subject: EffectiveLimitsBody["subject"], scope: string, name: string | null): string {
  if (scope === subject.scope) return subject.scope === "key" ? "This key" : subject.scope === "user" ? "This user" : "This team";
  if (scope === "user") return name ? `Owner · ${name}` : "Owner";
  if (scope === "team") return name ? `Team · ${name}` : "Team";
  if (scope === "org") return "Organization";
  return scope;
}

/** Bars grouped by the scope they limit, in the order calls are charged: key, user, team, org. */
export function limitGroups(limits: EffectiveLimitsBody): LimitGroup[] {
  const order = ["key", "user", "team", "org"];
  const groups = new Map<string, LimitGroup>();
  const groupOf = (scope: string, scopeId: string, name: string | null) => {
    const id = `${scope}:${scopeId}`;
    let group = groups.get(id);
    if (!group) {
      group = { id, title: groupTitle(limits.subject, scope, name), bars: [] };
      groups.set(id, group);
    }
    return group;
  };
  for (const quota of limits.quotas) groupOf(quota.scope, quota.scopeId, quota.scopeName).bars.push(usageBar(quota));
  for (const rate of limits.rateLimits) groupOf(rate.scope, rate.scopeId, rate.scopeName).bars.push(rateBar(rate));
  return [...groups.values()].sort((a, b) => order.indexOf(a.id.split(":")[0]) - order.indexOf(b.id.split(":")[0]));
}

export interface NearLimitMessage {
  /** "Daily calls of your user: 92 % used" */
  text: string;
  /** When it resets, ISO: the banner shows it in the viewer's zone (see BarReset). */
  resetsAt: string | null;
}

/** One per near limit, most used first. */
export function nearLimitMessages(limits: EffectiveLimitsBody): NearLimitMessage[] {
  return limits.near.map((n) => {
    const what = n.what === "rpm" ? "requests per minute" : n.what === "tpm" ? "tokens per minute" : n.what;
    const whose = n.scope === "org" ? "the organization" : n.scope === "team" ? `team ${n.scopeName ?? ""}`.trim() : n.scope === "user" ? "your user" : `key ${n.scopeName ?? ""}`.trim();
    const used = n.ratio >= 1 ? "used up" : `${Math.floor(n.ratio * 100)} % used`;
    return { text: `${what[0].toUpperCase()}${what.slice(1)} of ${whose}: ${used}`, resetsAt: n.resetsAt };
  });
}
