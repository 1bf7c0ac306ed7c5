// Environment, validated once at boot with zod. A bad variable stops the process with a message
// that names it, instead of failing later on the first request that reads it.
import { z } from "zod";

const booleanish = z
  .enum(["1", "0", "true", "false", "yes", "no", "on", "off", ""])
  .transform((v) => ["1", "true", "yes", "on"].includes(v));

const otlpProtocol = z.enum(["http/protobuf", "http/json"], { error: "must be http/protobuf or http/json (OTLP over gRPC is not supported)" });

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  DATABASE_URL: z
    .string()
    .regex(/^(file:|postgres(ql)?:\/\/)/, "must start with file: (SQLite) or postgresql:// (PostgreSQL)")
    .default("file:./data/tollgate.db"),
  REDIS_URL: z.string().regex(/^rediss?:\/\//, "must be a redis:// or rediss:// URL").optional(),
  TOLLGATE_SECRET: z.string().min(32, "must be at least 32 characters (e.g. `openssl rand -hex 32`)").optional(),
  /** the TOLLGATE_SECRET before a rotation, for one start: the audit chain is verified with it and re-sealed (docs/audit-log.md) */
  TOLLGATE_PREVIOUS_SECRET: z.string().min(32, "must be at least 32 characters: the previous TOLLGATE_SECRET").optional(),
  NEXTAUTH_SECRET: z.string().min(16).optional(),
  NEXTAUTH_URL: z.string().url().optional(),
  ADMIN_EMAIL: z.string().email().optional(),
  ADMIN_PASSWORD: z.string().min(8, "must be at least 8 characters").optional(),
  ADMIN_API_KEY: z.string().min(16, "must be at least 16 characters").optional(),
  /** bearer token that may read GET /api/metrics (Prometheus scrapers); unset = admins only */
  METRICS_TOKEN: z.string().min(16, "must be at least 16 characters").optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** one structured line per proxied call (docs/observability.md): on, off, or a sampling fraction such as 0.1 (errors are always logged) */
  ACCESS_LOG: z
    .string()
    .trim()
    .toLowerCase()
    .refine((value) => value === "on" || value === "off" || (/^(0(\.\d+)?|1(\.0+)?)$/.test(value) && Number(value) > 0), "must be on, off, or a sampling fraction above 0 and at most 1 (such as 0.1)")
    .transform((value) => (value === "on" ? 1 : value === "off" ? 0 : Number(value)))
    .default(1),
  /** OpenTelemetry traces over OTLP/HTTP (docs/observability.md): the collector's base URL (…/v1/traces is appended); unset = tracing off */
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url({ protocol: /^https?$/, error: "must be an http:// or https:// URL" }).optional(),
  /** the full traces URL, when the collector does not serve them at <endpoint>/v1/traces; also turns tracing on */
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: z.url({ protocol: /^https?$/, error: "must be an http:// or https:// URL" }).optional(),
  /** how spans are exported: http/protobuf (OTLP/HTTP's default) or http/json; grpc is not supported. The traces variable wins. */
  OTEL_EXPORTER_OTLP_PROTOCOL: otlpProtocol.optional(),
  OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: otlpProtocol.optional(),
  OTEL_SERVICE_NAME: z.string().trim().min(1, "must not be empty").default("tollgate"),
  /** the share of calls traced (a parent's decision in traceparent wins) */
  OTEL_TRACES_SAMPLER_ARG: z.coerce.number().min(0, "must be between 0 and 1").max(1, "must be between 0 and 1").default(1),
  GATEWAY_MAX_BODY_BYTES: z.coerce.number().int().positive().default(4 * 1024 * 1024),
  GATEWAY_MAX_MESSAGES: z.coerce.number().int().positive().default(1000),
  GATEWAY_MAX_TOKENS: z.coerce.number().int().positive().default(200_000),
  /** deepest nesting of arrays and objects in a proxy request body (400 above); JSON past ~5,000 levels overflows the serializer */
  GATEWAY_MAX_JSON_DEPTH: z.coerce.number().int().min(8, "must be at least 8").max(1000, "must be at most 1000").default(64),
  /** also refuse provider and webhook URLs on loopback and private networks (lib/net); link-local and metadata addresses are always refused */
  TOLLGATE_BLOCK_PRIVATE_NETWORKS: booleanish.default(false),
  GATEWAY_UPSTREAM_TIMEOUT_MS: z.coerce.number().int().positive().default(120_000),
  /** the longest per-attempt timeout a request may ask for with x-tollgate-timeout-ms (docs/routing.md) */
  GATEWAY_MAX_TIMEOUT_MS: z.coerce.number().int().min(1, "must be at least 1").max(3_600_000, "must be at most 3600000").default(600_000),
  /** circuit breaker (lib/routing, docs/routing.md): consecutive retryable failures that eject a deployment */
  ROUTING_EJECT_CONSECUTIVE_FAILURES: z.coerce.number().int().min(1, "must be at least 1").max(1000, "must be at most 1000").default(5),
  /** failure rate (%) over ROUTING_ERROR_WINDOW_MS that ejects a deployment, once the window holds ROUTING_EJECT_MIN_CALLS calls */
  ROUTING_EJECT_ERROR_PERCENT: z.coerce.number().int().min(1, "must be between 1 and 100").max(100, "must be between 1 and 100").default(50),
  ROUTING_EJECT_MIN_CALLS: z.coerce.number().int().min(1, "must be at least 1").max(100_000, "must be at most 100000").default(10),
  ROUTING_ERROR_WINDOW_MS: z.coerce.number().int().min(1000, "must be at least 1000").max(3_600_000, "must be at most 3600000").default(30_000),
  /** an ejection's first cool-down; each repeat doubles it up to ROUTING_MAX_COOLDOWN_MS */
  ROUTING_COOLDOWN_MS: z.coerce.number().int().min(100, "must be at least 100").max(3_600_000, "must be at most 3600000").default(30_000),
  ROUTING_MAX_COOLDOWN_MS: z.coerce.number().int().min(100, "must be at least 100").max(86_400_000, "must be at most 86400000").default(300_000),
  /** the longest wait before a retry (an upstream's retry-after included); longer = another deployment or the answer at once */
  ROUTING_MAX_RETRY_WAIT_MS: z.coerce.number().int().min(0, "must be 0 or more").max(600_000, "must be at most 600000").default(5_000),
  /** exponential backoff with full jitter: the first retry waits up to this, doubling per retry */
  ROUTING_BACKOFF_BASE_MS: z.coerce.number().int().min(0, "must be 0 or more").max(60_000, "must be at most 60000").default(100),
  /** how long a call waits for a slot under maxConcurrency (per deployment or key) before a 429; a model may set its own */
  ROUTING_QUEUE_TIMEOUT_MS: z.coerce.number().int().min(0, "must be 0 or more").max(600_000, "must be at most 600000").default(5_000),
  /** calls that may wait for a slot at once per model or key; past it, 429 at once */
  ROUTING_QUEUE_MAX: z.coerce.number().int().min(0, "must be 0 or more").max(100_000, "must be at most 100000").default(1_000),
  /** active health probes (GET /models, free) of every deployment, once per cluster per interval; 0 = off */
  ROUTING_PROBE_INTERVAL_MS: z.coerce.number().int().max(86_400_000, "must be at most 86400000").refine((ms) => ms === 0 || ms >= 1000, "must be 0 (off) or at least 1000").default(0),
  /** prompt token counting (lib/tokens): texts up to this weight (characters; non-ASCII count 4) are counted on the event loop */
  TOKEN_COUNT_INLINE_MAX_CHARS: z.coerce.number().int().min(0, "must be 0 (always use the counting threads) or more").max(65_536, "must be at most 65536").default(2048),
  /** threads that count larger texts; 0 = none (such texts are reserved at their UTF-8 length) */
  TOKEN_COUNT_THREADS: z.coerce.number().int().min(0, "must be 0 (no counting threads) or more").max(64, "must be at most 64").optional(),
  /** counts that may wait for a thread; one more is reserved at its UTF-8 length at once */
  TOKEN_COUNT_QUEUE_MAX: z.coerce.number().int().min(0, "must be 0 or more").max(10_000, "must be at most 10000").default(64),
  /** how long a call waits for its count before its text is reserved at its UTF-8 length */
  TOKEN_COUNT_DEADLINE_MS: z.coerce.number().int().min(1, "must be at least 1").max(600_000, "must be at most 600000").default(1000),
  /** how long a client may take to send a whole request, headers and body (408 after; 0 = no limit): scripts/draining-server.mjs */
  HTTP_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(0, "must be 0 (no limit) or more").default(30_000),
  /** on SIGTERM/SIGINT, how long in-flight requests (streams included) may take to finish before the process closes anyway: scripts/server.mjs */
  TOLLGATE_DRAIN_TIMEOUT_MS: z.coerce.number().int().min(1000, "must be at least 1000").max(600_000, "must be at most 600000").default(30_000),
  GATEWAY_KEY_CACHE_TTL_MS: z.coerce.number().int().min(0).default(30_000),
  USAGE_FLUSH_INTERVAL_MS: z.coerce.number().int().positive().default(1000),
  USAGE_FLUSH_SIZE: z.coerce.number().int().positive().default(500),
  /** most usage records held in memory while the database cannot take them; past half of it they go to the journal (lib/usage/usage-buffer.ts) */
  USAGE_BUFFER_MAX_RECORDS: z.coerce.number().int().min(1000, "must be at least 1000").max(10_000_000, "must be at most 10000000").default(20_000),
  /** after this long of failing writes, usage records go to the local journal instead of memory */
  USAGE_JOURNAL_AFTER_MS: z.coerce.number().int().min(0, "must be 0 or more").max(3_600_000, "must be at most 3600000").default(10_000),
  /** where the usage journal's segment files are kept (one subdirectory per database) */
  USAGE_JOURNAL_DIR: z.string().trim().min(1, "must be a directory path").default("./data/usage-journal"),
  /** raw usage records older than this many days are removed (rollups, billing and the audit log are kept); unset = kept forever (lib/usage/retention) */
  USAGE_RETENTION_DAYS: z.coerce.number().int("must be a whole number of days").min(1, "must be at least 1 (unset keeps records forever)").max(36_500, "must be at most 36500").optional(),
  /** how often the retention job looks for records to remove */
  USAGE_RETENTION_INTERVAL_MS: z.coerce.number().int().min(60_000, "must be at least 60000").max(86_400_000, "must be at most 86400000").default(3_600_000),
  /** configuration as code: a YAML file applied at start and by `npm run config:apply` (docs/configuration.md) */
  TOLLGATE_CONFIG: z.string().trim().min(1, "must be a file path").optional(),
  /** how far V8's old generation may grow past the last full GC's survivors, in %; 0 = V8's own choice (lib/boot/heap-growth.ts) */
  TOLLGATE_HEAP_GROWTH_PERCENT: z.coerce.number().int().min(0).max(1000).default(300),
  /** failed sign-ins allowed per (account, client address) per LOGIN_WINDOW_SECONDS (lib/auth/login-rate-limit.ts) */
  LOGIN_MAX_ATTEMPTS: z.coerce.number().int().positive().default(5),
  LOGIN_WINDOW_SECONDS: z.coerce.number().int().positive().default(900),
  /** failed sign-ins allowed per client address, across accounts, per window */
  LOGIN_ADDRESS_MAX_ATTEMPTS: z.coerce.number().int().positive().default(20),
  /** failed sign-ins per account from all addresses before the account-wide backoff starts */
  LOGIN_ACCOUNT_MAX_ATTEMPTS: z.coerce.number().int().positive().default(50),
  /** how many reverse proxies in front of Tollgate set X-Forwarded-*; 0 = trust none (scripts/console-boundary.mjs) */
  TRUST_PROXY_HOPS: z.coerce.number().int().min(0, "must be 0 or more").max(10, "must be at most 10").default(0),
  /** largest request body of the console, the admin API and sign-in (413 above); routes with their own limit keep it */
  CONSOLE_MAX_BODY_BYTES: z.coerce.number().int().positive().default(1024 * 1024),
  /** shortest console password accepted when one is set (users API, first admin) */
  PASSWORD_MIN_LENGTH: z.coerce.number().int().min(8, "must be at least 8").max(128, "must be at most 128").default(12),
  /** refuse passwords on the built-in list of common ones (lib/auth/common-passwords.ts) */
  PASSWORD_REJECT_COMMON: booleanish.default(true),
  TOLLGATE_SEED_PRICES: booleanish.default(true),
  /** seed the default tier quotas (free: 1,000 calls/day and $10/month; pro: $200/month) into an org without any */
  TOLLGATE_SEED_TIER_QUOTAS: booleanish.default(true),
  /** how often alert rules are evaluated; 0 turns the evaluator off (lib/alerts) */
  ALERT_EVALUATION_INTERVAL_MS: z.coerce.number().int().min(0).default(15_000),
  /** error_rate / latency_p95 alerts stay silent until their window holds this many calls */
  ALERT_MIN_CALLS: z.coerce.number().int().min(1).default(10),
  /** SMTP for e-mail alerts: SMTP_URL (smtp[s]://user:pass@host:port) or SMTP_HOST and friends */
  SMTP_URL: z.string().regex(/^smtps?:\/\//, "must be an smtp:// or smtps:// URL").optional(),
  SMTP_HOST: z.string().min(1).optional(),
  SMTP_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  SMTP_USER: z.string().min(1).optional(),
  SMTP_PASSWORD: z.string().min(1).optional(),
  SMTP_SECURE: booleanish.optional(),
  SMTP_FROM: z.string().min(3).default("Tollgate <alerts@tollgate.local>"),
  /** when Redis is unreachable: refuse calls under a quota with 503 (closed) or admit them unchecked (open) */
  QUOTA_STORE_FAILURE_POLICY: z.enum(["closed", "open"]).default("closed"),
  /** when Redis is unreachable: rate-limit in-process (local), not at all (open), or refuse with 503 (closed) */
  RATE_LIMIT_STORE_FAILURE_POLICY: z.enum(["local", "open", "closed"]).default("local"),
  /** how often this process looks for cache warm-up jobs to run; 0 = it runs none (lib/cache-warmup) */
  CACHE_WARMUP_POLL_INTERVAL_MS: z.coerce.number().int().min(0).default(2_000),
  /** largest warm-up upload (the request body of POST /api/admin/cache/warmups); 413 above */
  CACHE_WARMUP_MAX_BYTES: z.coerce.number().int().positive().default(10 * 1024 * 1024),
  /** how often this process looks for batches (/v1/batches) to run; 0 = it runs none (lib/batches) */
  BATCH_POLL_INTERVAL_MS: z.coerce.number().int().min(0, "must be 0 (off) or more").max(3_600_000, "must be at most 3600000").default(2_000),
  /** largest batch input file (POST /v1/files); 413 above. Files are kept in the database (docs/batches.md) */
  BATCH_FILE_MAX_BYTES: z.coerce.number().int().min(1024, "must be at least 1024").max(200 * 1024 * 1024, "must be at most 209715200 (200 MiB)").default(50 * 1024 * 1024),
  /** most requests (lines) in one batch input file; 413 above */
  BATCH_MAX_LINES: z.coerce.number().int().min(1, "must be at least 1").max(1_000_000, "must be at most 1000000").default(50_000),
  /** calls of one batch in flight at once */
  BATCH_CONCURRENCY: z.coerce.number().int().min(1, "must be at least 1").max(256, "must be at most 256").default(4),
  /** calls of all batches in flight at once in one process */
  BATCH_MAX_CONCURRENCY: z.coerce.number().int().min(1, "must be at least 1").max(1024, "must be at most 1024").default(16),
  /** largest body of POST /api/conversations/import (413 above) */
  CONVERSATIONS_IMPORT_MAX_BYTES: z.coerce.number().int().min(1024, "must be at least 1024").max(100 * 1024 * 1024, "must be at most 104857600 (100 MiB)").default(10 * 1024 * 1024),
  /** calendar days and months for quotas, billing and alerts */
  TOLLGATE_TIME_ZONE: z
    .string()
    .refine((zone) => {
      try {
        new Intl.DateTimeFormat("en-US", { timeZone: zone });
        return true;
      } catch {
        return false;
      }
    }, "must be an IANA time zone such as UTC or Europe/Berlin")
    .default("UTC"),
});

export type Env = z.infer<typeof envSchema>;

export class InvalidEnvironmentError extends Error {}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(source);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
  throw new InvalidEnvironmentError(`Invalid environment configuration:\n${lines.join("\n")}`);
}

let cached: Env | undefined;

export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** For tests that change process.env between cases. */
export function resetEnvCache(): void {
  cached = undefined;
}
