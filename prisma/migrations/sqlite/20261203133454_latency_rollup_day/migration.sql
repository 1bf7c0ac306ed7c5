-- CreateTable
CREATE TABLE "LatencyRollupDay" (
    "day" DATETIME NOT NULL,
    "orgId" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "bucket" INTEGER NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("day", "orgId", "model", "bucket")
);


-- Backfill: LatencyRollup summed per UTC day (lib/usage/usage-aggregate.ts, dailyLatency); hours as
-- Prisma's text ("2026-01-02T03:00:00.000+00:00"), or epoch milliseconds from old clients.
INSERT INTO "LatencyRollupDay" ("day", "orgId", "model", "bucket", "count")
SELECT CASE WHEN typeof("hour") IN ('integer', 'real') THEN (CAST("hour" AS INTEGER) / 86400000) * 86400000 ELSE substr("hour", 1, 10) || 'T00:00:00.000+00:00' END,
  "orgId", "model", "bucket", sum("count")
FROM "LatencyRollup" GROUP BY 1, 2, 3, 4 ORDER BY 1;
