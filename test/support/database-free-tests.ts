// Tests that touch no database, no Redis and no gateway with a database: vitest's "database-free"
// project runs them once, instead of once per database (vitest.config.ts, scripts/test.mjs).
// A test belongs here when nothing it runs reads or writes a database or Redis; importing a module
// that could (lib/db.ts) is fine as long as the test never calls it. That project points
// DATABASE_URL and TEST_REDIS_URL at nothing and makes lib/db.ts's db() throw, so a listed test that
// starts using either fails with a message naming this file. New tests default to the "database"
// project: listing one here is an explicit, checked choice.
export const DATABASE_FREE_TESTS = [
  "e2e/fake-upstream/directives.test.ts",
  "lib/abort/abort-flag.test.ts",
  "lib/alerts/delivery/retry-policy.test.ts",
  "lib/alerts/stored-channels.test.ts",
  "lib/alerts/windows.test.ts",
  "lib/audit/audit-export.test.ts",
  "lib/audit/audit-key.test.ts",
  "lib/audit/mask-secrets.test.ts",
  "lib/audit/snapshot-diff.test.ts",
  "lib/auth/rbac.test.ts",
  "lib/billing/billing-chart.test.ts",
  "lib/billing/billing-csv.test.ts",
  "lib/billing/billing-period.test.ts",
  "lib/billing/billing-range.test.ts",
  "lib/billing/invoice-amounts.test.ts",
  "lib/boot/heap-growth.test.ts",
  "lib/charts/axis.test.ts",
  "lib/charts/buckets.test.ts",
  "lib/charts/date-range.test.ts",
  "lib/charts/format.test.ts",
  "lib/charts/palette.test.ts",
  "lib/charts/prepare-dashboard.test.ts",
  "lib/charts/series.test.ts",
  "lib/config-file/config-parse.test.ts",
  "lib/csv/csv-field.test.ts",
  "lib/env.test.ts",
  "lib/gateway/anthropic-inbound/anthropic-events.test.ts",
  "lib/gateway/anthropic-inbound/to-openai-request.test.ts",
  "lib/gateway/completion-text.test.ts",
  "lib/gateway/key-cache.test.ts",
  "lib/gateway/providers/adapters.integration.test.ts",
  "lib/gateway/providers/anthropic-translate.test.ts",
  "lib/gateway/providers/embeddings.integration.test.ts",
  "lib/gateway/providers/gemini-translate.test.ts",
  "lib/gateway/providers/large-bodies.integration.test.ts",
  "lib/gateway/providers/openai-stream.test.ts",
  "lib/gateway/transport/body-text.test.ts",
  "lib/gateway/transport/large-body-read.test.ts",
  "lib/gateway/upstream/error-mapping.test.ts",
  "lib/gateway/upstream/http-client.integration.test.ts",
  "lib/gateway/upstream/sse.test.ts",
  "lib/gateway/validate.test.ts",
  "lib/json/json-slicer.test.ts",
  "lib/openapi/openapi.test.ts",
  "lib/openapi/route-coverage.test.ts",
  "lib/query/api-error.test.ts",
  "lib/query/playground-stream.test.ts",
  "lib/query/validate.test.ts",
  "lib/quotas/periods.test.ts",
  "lib/quotas/quota-display.test.ts",
  "lib/rate-limits/rate-limit-headers.test.ts",
  "lib/store/host-store.test.ts",
  "lib/time/zoned.test.ts",
  "lib/tokens/chat-tokens.test.ts",
  "lib/usage/money.test.ts",
  "lib/usage/usage-recorder.test.ts",
  "lib/validation/plain-errors.test.ts",
  "test/architecture/import-cycles.test.ts",
  "test/integration/console-forwarder.test.ts",
  "test/integration/production-build.test.ts",
];

/** A SQLite path that can never be opened or created (/dev/null is not a directory). */
export const NO_DATABASE_URL = "file:/dev/null/database-free-tests-have-no-database.db";
/** Nothing listens on port 1: a Redis client fails to connect. */
export const NO_REDIS_URL = "redis://127.0.0.1:1/0";
