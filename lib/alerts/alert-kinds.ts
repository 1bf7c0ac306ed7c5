// What an alert rule can watch, over which scope and window, and where it can notify: the fixed sets
// the schemas (schemas.ts), the rule checks (rule-shape.ts) and the evaluator share.
export const ALERT_METRICS = ["quota_usage", "spend", "error_rate", "latency_p95"] as const;
export const ALERT_SCOPES = ["key", "user", "team", "org"] as const;
export const ALERT_WINDOWS = ["5m", "15m", "1h", "24h", "7d", "30d"] as const;
export const DEFAULT_ALERT_WINDOW = "1h" satisfies AlertWindow;
export const CHANNEL_TYPES = ["webhook", "slack", "email"] as const;

export type AlertMetric = (typeof ALERT_METRICS)[number];
export type AlertScope = (typeof ALERT_SCOPES)[number];
export type AlertWindow = (typeof ALERT_WINDOWS)[number];
export type ChannelType = (typeof CHANNEL_TYPES)[number];
