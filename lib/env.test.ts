import { describe, expect, it } from "vitest";
import { InvalidEnvironmentError, parseEnv } from "./env";

describe("parseEnv", () => {
  it("gives the embedded defaults for an empty environment", () => {
    const env = parseEnv({});
    expect(env).toMatchObject({ PORT: 3000, DATABASE_URL: "file:./data/tollgate.db", LOG_LEVEL: "info", TOLLGATE_SEED_PRICES: true, TOLLGATE_HEAP_GROWTH_PERCENT: 300 });
    expect(env.REDIS_URL).toBeUndefined();
  });

  it("coerces numbers and booleans", () => {
    expect(parseEnv({ PORT: "8080", TOLLGATE_SEED_PRICES: "false", GATEWAY_MAX_TOKENS: "1000" })).toMatchObject({
      PORT: 8080, TOLLGATE_SEED_PRICES: false, GATEWAY_MAX_TOKENS: 1000,
    });
  });

  it("names every bad variable in one message", () => {
    let error: unknown;
    try {
      parseEnv({ PORT: "http", DATABASE_URL: "mysql://x", REDIS_URL: "localhost:6379", TOLLGATE_SECRET: "short" });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidEnvironmentError);
    const message = (error as Error).message;
    for (const name of ["PORT", "DATABASE_URL", "REDIS_URL", "TOLLGATE_SECRET"]) expect(message).toContain(name);
    expect(message).toContain("postgresql://");
  });

  it("takes a previous secret for the audit chain's re-seal only when it is long enough", () => {
    const previous = "p".repeat(32);
    expect(parseEnv({ TOLLGATE_PREVIOUS_SECRET: previous }).TOLLGATE_PREVIOUS_SECRET).toBe(previous);
    expect(() => parseEnv({ TOLLGATE_PREVIOUS_SECRET: "short" })).toThrow(/TOLLGATE_PREVIOUS_SECRET: must be at least 32 characters/);
  });

  it("takes the batch settings and the conversation import limit, and names each when bad", () => {
    expect(parseEnv({})).toMatchObject({
      BATCH_POLL_INTERVAL_MS: 2000, BATCH_FILE_MAX_BYTES: 50 * 1024 * 1024, BATCH_MAX_LINES: 50_000, BATCH_CONCURRENCY: 4, BATCH_MAX_CONCURRENCY: 16,
      CONVERSATIONS_IMPORT_MAX_BYTES: 10 * 1024 * 1024,
    });
    expect(parseEnv({ BATCH_POLL_INTERVAL_MS: "0", BATCH_FILE_MAX_BYTES: "2048", BATCH_CONCURRENCY: "2", BATCH_MAX_CONCURRENCY: "3", BATCH_MAX_LINES: "10" })).toMatchObject({
      BATCH_POLL_INTERVAL_MS: 0, BATCH_FILE_MAX_BYTES: 2048, BATCH_CONCURRENCY: 2, BATCH_MAX_CONCURRENCY: 3, BATCH_MAX_LINES: 10,
    });
    expect(() => parseEnv({ BATCH_POLL_INTERVAL_MS: "-1" })).toThrow(/BATCH_POLL_INTERVAL_MS: must be 0 \(off\) or more/);
    expect(() => parseEnv({ BATCH_FILE_MAX_BYTES: String(300 * 1024 * 1024) })).toThrow(/BATCH_FILE_MAX_BYTES: must be at most/);
    expect(() => parseEnv({ BATCH_MAX_LINES: "0" })).toThrow(/BATCH_MAX_LINES: must be at least 1/);
    expect(() => parseEnv({ BATCH_CONCURRENCY: "0" })).toThrow(/BATCH_CONCURRENCY: must be at least 1/);
    expect(() => parseEnv({ BATCH_MAX_CONCURRENCY: "x" })).toThrow(/BATCH_MAX_CONCURRENCY/);
    expect(() => parseEnv({ CONVERSATIONS_IMPORT_MAX_BYTES: "10" })).toThrow(/CONVERSATIONS_IMPORT_MAX_BYTES: must be at least 1024/);
  });

  it("takes the cache warm-up runner's poll interval (0 = off) and upload limit, and names them when bad", () => {
    expect(parseEnv({})).toMatchObject({ CACHE_WARMUP_POLL_INTERVAL_MS: 2000, CACHE_WARMUP_MAX_BYTES: 10 * 1024 * 1024 });
    expect(parseEnv({ CACHE_WARMUP_POLL_INTERVAL_MS: "0", CACHE_WARMUP_MAX_BYTES: "1024" })).toMatchObject({ CACHE_WARMUP_POLL_INTERVAL_MS: 0, CACHE_WARMUP_MAX_BYTES: 1024 });
    expect(() => parseEnv({ CACHE_WARMUP_POLL_INTERVAL_MS: "-1" })).toThrow(/CACHE_WARMUP_POLL_INTERVAL_MS/);
    expect(() => parseEnv({ CACHE_WARMUP_MAX_BYTES: "0" })).toThrow(/CACHE_WARMUP_MAX_BYTES/);
  });

  it("takes the proxy's JSON nesting limit (8–1000) and the private-network switch, naming them when bad", () => {
    expect(parseEnv({})).toMatchObject({ GATEWAY_MAX_JSON_DEPTH: 64, TOLLGATE_BLOCK_PRIVATE_NETWORKS: false });
    expect(parseEnv({ GATEWAY_MAX_JSON_DEPTH: "128", TOLLGATE_BLOCK_PRIVATE_NETWORKS: "true" })).toMatchObject({ GATEWAY_MAX_JSON_DEPTH: 128, TOLLGATE_BLOCK_PRIVATE_NETWORKS: true });
    expect(() => parseEnv({ GATEWAY_MAX_JSON_DEPTH: "5000" })).toThrow(/GATEWAY_MAX_JSON_DEPTH: must be at most 1000/);
    expect(() => parseEnv({ TOLLGATE_BLOCK_PRIVATE_NETWORKS: "maybe" })).toThrow(/TOLLGATE_BLOCK_PRIVATE_NETWORKS/);
  });

  it("takes the HTTP request timeout (30 s by default, 0 = none) and names it when bad", () => {
    expect(parseEnv({}).HTTP_REQUEST_TIMEOUT_MS).toBe(30_000);
    expect(parseEnv({ HTTP_REQUEST_TIMEOUT_MS: "0" }).HTTP_REQUEST_TIMEOUT_MS).toBe(0);
    expect(parseEnv({ HTTP_REQUEST_TIMEOUT_MS: "5000" }).HTTP_REQUEST_TIMEOUT_MS).toBe(5000);
    expect(() => parseEnv({ HTTP_REQUEST_TIMEOUT_MS: "-1" })).toThrow(/HTTP_REQUEST_TIMEOUT_MS: must be 0 \(no limit\) or more/);
    expect(() => parseEnv({ HTTP_REQUEST_TIMEOUT_MS: "soon" })).toThrow(/HTTP_REQUEST_TIMEOUT_MS/);
  });

  it("takes the shutdown drain timeout (30 s by default) within 1 s to 10 min, naming it when bad", () => {
    expect(parseEnv({}).TOLLGATE_DRAIN_TIMEOUT_MS).toBe(30_000);
    expect(parseEnv({ TOLLGATE_DRAIN_TIMEOUT_MS: "8000" }).TOLLGATE_DRAIN_TIMEOUT_MS).toBe(8000);
    expect(() => parseEnv({ TOLLGATE_DRAIN_TIMEOUT_MS: "0" })).toThrow(/TOLLGATE_DRAIN_TIMEOUT_MS: must be at least 1000/);
    expect(() => parseEnv({ TOLLGATE_DRAIN_TIMEOUT_MS: "600001" })).toThrow(/TOLLGATE_DRAIN_TIMEOUT_MS: must be at most 600000/);
    expect(() => parseEnv({ TOLLGATE_DRAIN_TIMEOUT_MS: "30s" })).toThrow(/TOLLGATE_DRAIN_TIMEOUT_MS/);
  });

  it("takes the token-counting limits (lib/tokens), with 0 threads allowed, naming them when bad", () => {
    const env = parseEnv({});
    expect(env).toMatchObject({ TOKEN_COUNT_INLINE_MAX_CHARS: 2048, TOKEN_COUNT_QUEUE_MAX: 64, TOKEN_COUNT_DEADLINE_MS: 1000 });
    expect(env.TOKEN_COUNT_THREADS).toBeUndefined();
    expect(parseEnv({ TOKEN_COUNT_THREADS: "0", TOKEN_COUNT_INLINE_MAX_CHARS: "0", TOKEN_COUNT_QUEUE_MAX: "0", TOKEN_COUNT_DEADLINE_MS: "250" })).toMatchObject({
      TOKEN_COUNT_THREADS: 0,
      TOKEN_COUNT_INLINE_MAX_CHARS: 0,
      TOKEN_COUNT_QUEUE_MAX: 0,
      TOKEN_COUNT_DEADLINE_MS: 250,
    });
    expect(() => parseEnv({ TOKEN_COUNT_THREADS: "65" })).toThrow(/TOKEN_COUNT_THREADS: must be at most 64/);
    expect(() => parseEnv({ TOKEN_COUNT_INLINE_MAX_CHARS: "-1" })).toThrow(/TOKEN_COUNT_INLINE_MAX_CHARS/);
    expect(() => parseEnv({ TOKEN_COUNT_QUEUE_MAX: "lots" })).toThrow(/TOKEN_COUNT_QUEUE_MAX/);
    expect(() => parseEnv({ TOKEN_COUNT_DEADLINE_MS: "0" })).toThrow(/TOKEN_COUNT_DEADLINE_MS: must be at least 1/);
  });

  it("takes 0 (V8's own heap growth) and refuses a negative heap growth", () => {
    expect(parseEnv({ TOLLGATE_HEAP_GROWTH_PERCENT: "0" }).TOLLGATE_HEAP_GROWTH_PERCENT).toBe(0);
    expect(() => parseEnv({ TOLLGATE_HEAP_GROWTH_PERCENT: "-5" })).toThrow(/TOLLGATE_HEAP_GROWTH_PERCENT/);
  });

  it("takes the sign-in limits, proxy hops, console body limit and password policy, naming them when bad", () => {
    expect(parseEnv({})).toMatchObject({
      LOGIN_MAX_ATTEMPTS: 5,
      LOGIN_ADDRESS_MAX_ATTEMPTS: 20,
      LOGIN_ACCOUNT_MAX_ATTEMPTS: 50,
      TRUST_PROXY_HOPS: 0,
      CONSOLE_MAX_BODY_BYTES: 1024 * 1024,
      PASSWORD_MIN_LENGTH: 12,
      PASSWORD_REJECT_COMMON: true,
    });
    expect(parseEnv({ TRUST_PROXY_HOPS: "2", PASSWORD_MIN_LENGTH: "16", PASSWORD_REJECT_COMMON: "false" })).toMatchObject({
      TRUST_PROXY_HOPS: 2,
      PASSWORD_MIN_LENGTH: 16,
      PASSWORD_REJECT_COMMON: false,
    });
    expect(() => parseEnv({ TRUST_PROXY_HOPS: "-1" })).toThrow(/TRUST_PROXY_HOPS: must be 0 or more/);
    expect(() => parseEnv({ PASSWORD_MIN_LENGTH: "6" })).toThrow(/PASSWORD_MIN_LENGTH: must be at least 8/);
    expect(() => parseEnv({ CONSOLE_MAX_BODY_BYTES: "0" })).toThrow(/CONSOLE_MAX_BODY_BYTES/);
    expect(() => parseEnv({ LOGIN_ACCOUNT_MAX_ATTEMPTS: "many" })).toThrow(/LOGIN_ACCOUNT_MAX_ATTEMPTS/);
  });

  it("takes the routing settings (lib/routing) with the documented defaults, naming them when bad", () => {
    expect(parseEnv({})).toMatchObject({
      GATEWAY_MAX_TIMEOUT_MS: 600_000,
      ROUTING_EJECT_CONSECUTIVE_FAILURES: 5,
      ROUTING_EJECT_ERROR_PERCENT: 50,
      ROUTING_EJECT_MIN_CALLS: 10,
      ROUTING_ERROR_WINDOW_MS: 30_000,
      ROUTING_COOLDOWN_MS: 30_000,
      ROUTING_MAX_COOLDOWN_MS: 300_000,
      ROUTING_MAX_RETRY_WAIT_MS: 5_000,
      ROUTING_BACKOFF_BASE_MS: 100,
      ROUTING_QUEUE_TIMEOUT_MS: 5_000,
      ROUTING_QUEUE_MAX: 1_000,
      ROUTING_PROBE_INTERVAL_MS: 0,
    });
    expect(parseEnv({ ROUTING_COOLDOWN_MS: "1000", ROUTING_PROBE_INTERVAL_MS: "15000", ROUTING_EJECT_ERROR_PERCENT: "25" })).toMatchObject({
      ROUTING_COOLDOWN_MS: 1000,
      ROUTING_PROBE_INTERVAL_MS: 15_000,
      ROUTING_EJECT_ERROR_PERCENT: 25,
    });
    expect(() => parseEnv({ ROUTING_EJECT_ERROR_PERCENT: "150" })).toThrow(/ROUTING_EJECT_ERROR_PERCENT: must be between 1 and 100/);
    expect(() => parseEnv({ ROUTING_PROBE_INTERVAL_MS: "10" })).toThrow(/ROUTING_PROBE_INTERVAL_MS: must be 0 \(off\) or at least 1000/);
    expect(() => parseEnv({ ROUTING_EJECT_CONSECUTIVE_FAILURES: "0" })).toThrow(/ROUTING_EJECT_CONSECUTIVE_FAILURES: must be at least 1/);
    expect(() => parseEnv({ GATEWAY_MAX_TIMEOUT_MS: "forever" })).toThrow(/GATEWAY_MAX_TIMEOUT_MS/);
  });

  it("takes the usage ledger's bound, journal and retention settings, and names each when bad", () => {
    const defaults = parseEnv({});
    expect(defaults).toMatchObject({ USAGE_BUFFER_MAX_RECORDS: 20_000, USAGE_JOURNAL_AFTER_MS: 10_000, USAGE_JOURNAL_DIR: "./data/usage-journal", USAGE_RETENTION_INTERVAL_MS: 3_600_000 });
    expect(defaults.USAGE_RETENTION_DAYS).toBeUndefined();
    expect(defaults.TOLLGATE_CONFIG).toBeUndefined();
    expect(parseEnv({ USAGE_RETENTION_DAYS: "90", USAGE_BUFFER_MAX_RECORDS: "5000", TOLLGATE_CONFIG: "./tollgate.yaml" })).toMatchObject({
      USAGE_RETENTION_DAYS: 90, USAGE_BUFFER_MAX_RECORDS: 5000, TOLLGATE_CONFIG: "./tollgate.yaml",
    });
    expect(() => parseEnv({ USAGE_RETENTION_DAYS: "0" })).toThrow(/USAGE_RETENTION_DAYS: must be at least 1 \(unset keeps records forever\)/);
    expect(() => parseEnv({ USAGE_RETENTION_DAYS: "1.5" })).toThrow(/USAGE_RETENTION_DAYS: must be a whole number of days/);
    expect(() => parseEnv({ USAGE_BUFFER_MAX_RECORDS: "10" })).toThrow(/USAGE_BUFFER_MAX_RECORDS: must be at least 1000/);
    expect(() => parseEnv({ USAGE_RETENTION_INTERVAL_MS: "5" })).toThrow(/USAGE_RETENTION_INTERVAL_MS: must be at least 60000/);
    expect(() => parseEnv({ TOLLGATE_CONFIG: " " })).toThrow(/TOLLGATE_CONFIG: must be a file path/);
  });

  it("takes the access log switch or sampling fraction and the OpenTelemetry settings, naming each when bad", () => {
    const defaults = parseEnv({});
    expect(defaults).toMatchObject({ ACCESS_LOG: 1, OTEL_SERVICE_NAME: "tollgate", OTEL_TRACES_SAMPLER_ARG: 1 });
    expect(defaults.OTEL_EXPORTER_OTLP_ENDPOINT).toBeUndefined();
    expect(parseEnv({ ACCESS_LOG: "off" }).ACCESS_LOG).toBe(0);
    expect(parseEnv({ ACCESS_LOG: "ON" }).ACCESS_LOG).toBe(1);
    expect(parseEnv({ ACCESS_LOG: "0.25" }).ACCESS_LOG).toBe(0.25);
    for (const bad of ["yes", "0", "1.5", "-0.1", ""]) expect(() => parseEnv({ ACCESS_LOG: bad })).toThrow(/ACCESS_LOG: must be on, off, or a sampling fraction/);
    expect(parseEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: "http://127.0.0.1:4318", OTEL_SERVICE_NAME: "gw-eu", OTEL_TRACES_SAMPLER_ARG: "0.5" })).toMatchObject({
      OTEL_EXPORTER_OTLP_ENDPOINT: "http://127.0.0.1:4318", OTEL_SERVICE_NAME: "gw-eu", OTEL_TRACES_SAMPLER_ARG: 0.5,
    });
    expect(() => parseEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: "grpc://collector:4317" })).toThrow(/OTEL_EXPORTER_OTLP_ENDPOINT: must be an http:\/\/ or https:\/\/ URL/);
    expect(() => parseEnv({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: "collector" })).toThrow(/OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: must be an http/);
    expect(() => parseEnv({ OTEL_TRACES_SAMPLER_ARG: "2" })).toThrow(/OTEL_TRACES_SAMPLER_ARG: must be between 0 and 1/);
    expect(parseEnv({ OTEL_EXPORTER_OTLP_PROTOCOL: "http/json", OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: "http/protobuf" })).toMatchObject({ OTEL_EXPORTER_OTLP_PROTOCOL: "http/json", OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: "http/protobuf" });
    expect(() => parseEnv({ OTEL_EXPORTER_OTLP_PROTOCOL: "grpc" })).toThrow(/OTEL_EXPORTER_OTLP_PROTOCOL: must be http\/protobuf or http\/json \(OTLP over gRPC is not supported\)/);
    expect(() => parseEnv({ OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: "http/JSON" })).toThrow(/OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: must be http\/protobuf or http\/json/);
  });
});
