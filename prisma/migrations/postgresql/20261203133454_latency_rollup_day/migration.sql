-- CreateTable
CREATE TABLE "LatencyRollupDay" (
    "day" TIMESTAMP(3) NOT NULL,
    "orgId" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "bucket" INTEGER NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "LatencyRollupDay_pkey" PRIMARY KEY ("day","orgId","model","bucket")
);


-- Backfill: LatencyRollup summed per UTC day (lib/usage/usage-aggregate.ts, dailyLatency).
INSERT INTO "LatencyRollupDay" ("day", "orgId", "model", "bucket", "count")
SELECT date_trunc('day', "hour"), "orgId", "model", "bucket", sum("count")
FROM "LatencyRollup" GROUP BY 1, 2, 3, 4 ORDER BY 1;
