// Environment, validated once at boot with zod. A bad variable stops the process with a message
// that names it, instead of failing later on the first request that reads it.
import { z } from "zod";

const booleanish = z
  .enum(["1", "0", "true", "false", "yes", "no", "on", "off", ""])
  .transform((v) => ["1", "true", "yes", "on"].includes(v));

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  DATABASE_URL: z
    .string()
    .regex(/^(file:|postgres(ql)?:\/\/)/, "must start with file: (SQLite) or postgresql:// (PostgreSQL)")
    .default("file:./data/tollgate.db"),
  REDIS_URL: z.string().regex(/^rediss?:\/\//, "must be a redis:// or rediss:// URL").optional(),
  TOLLGATE_SECRET: z.string().min(32, "must be at least 32 characters (e.g. `openssl rand -hex 32`)").optional(),
  NEXTAUTH_SECRET: z.string().min(16).optional(),
  NEXTAUTH_URL: z.string().url().optional(),
  ADMIN_EMAIL: z.string().email().optional(),
  ADMIN_PASSWORD: z.string().min(8, "must be at least 8 characters").optional(),
  ADMIN_API_KEY: z.string().min(16, "must be at least 16 characters").optional(),
  /** bearer token that may read GET /api/metrics (Prometheus scrapers); unset = admins only */
  METRICS_TOKEN: z.string().min(16, "must be at least 16 characters").optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  GATEWAY_MAX_BODY_BYTES: z.coerce.number().int().positive().default(4 * 1024 * 1024),
  GATEWAY_MAX_MESSAGES: z.coerce.number().int().positive().default(1000),
  GATEWAY_MAX_TOKENS: z.coerce.number().int().positive().default(200_000),
  GATEWAY_UPSTREAM_TIMEOUT_MS: z.coerce.number().int().positive().default(120_000),
  GATEWAY_KEY_CACHE_TTL_MS: z.coerce.number().int().min(0).default(30_000),
  USAGE_FLUSH_INTERVAL_MS: z.coerce.number().int().positive().default(1000),
  USAGE_FLUSH_SIZE: z.coerce.number().int().positive().default(500),
  LOGIN_MAX_ATTEMPTS: z.coerce.number().int().positive().default(5),
  LOGIN_WINDOW_SECONDS: z.coerce.number().int().positive().default(900),
  TOLLGATE_SEED_PRICES: booleanish.default(true),
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
