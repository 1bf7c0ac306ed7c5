-- CreateTable
CREATE TABLE "UsageRollupDay" (
    "day" TIMESTAMP(3) NOT NULL,
    "orgId" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "calls" INTEGER NOT NULL DEFAULT 0,
    "errors" INTEGER NOT NULL DEFAULT 0,
    "inputTokens" BIGINT NOT NULL DEFAULT 0,
    "outputTokens" BIGINT NOT NULL DEFAULT 0,
    "cachedTokens" BIGINT NOT NULL DEFAULT 0,
    "costMicros" BIGINT NOT NULL DEFAULT 0,
    "latencySumMs" BIGINT NOT NULL DEFAULT 0,
    "cacheHits" INTEGER NOT NULL DEFAULT 0,
    "semanticHits" INTEGER NOT NULL DEFAULT 0,
    "cacheMisses" INTEGER NOT NULL DEFAULT 0,
    "tokensSaved" BIGINT NOT NULL DEFAULT 0,
    "costSavedMicros" BIGINT NOT NULL DEFAULT 0,
    "refused" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "UsageRollupDay_pkey" PRIMARY KEY ("day","orgId","model","userId","teamId")
);

-- CreateTable
CREATE TABLE "UsageRollupTeamDay" (
    "day" TIMESTAMP(3) NOT NULL,
    "orgId" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "calls" INTEGER NOT NULL DEFAULT 0,
    "errors" INTEGER NOT NULL DEFAULT 0,
    "inputTokens" BIGINT NOT NULL DEFAULT 0,
    "outputTokens" BIGINT NOT NULL DEFAULT 0,
    "cachedTokens" BIGINT NOT NULL DEFAULT 0,
    "costMicros" BIGINT NOT NULL DEFAULT 0,
    "latencySumMs" BIGINT NOT NULL DEFAULT 0,
    "cacheHits" INTEGER NOT NULL DEFAULT 0,
    "semanticHits" INTEGER NOT NULL DEFAULT 0,
    "cacheMisses" INTEGER NOT NULL DEFAULT 0,
    "tokensSaved" BIGINT NOT NULL DEFAULT 0,
    "costSavedMicros" BIGINT NOT NULL DEFAULT 0,
    "refused" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "UsageRollupTeamDay_pkey" PRIMARY KEY ("day","orgId","model","teamId")
);

-- CreateIndex
CREATE INDEX "UsageRollupDay_orgId_day_idx" ON "UsageRollupDay"("orgId", "day");

-- CreateIndex
CREATE INDEX "UsageRollupTeamDay_orgId_day_idx" ON "UsageRollupTeamDay"("orgId", "day");


-- Backfill: the daily rollups are UsageRollup summed per UTC day (lib/usage/usage-aggregate.ts, dailyRollups).
INSERT INTO "UsageRollupDay" ("day", "orgId", "model", "userId", "teamId", "calls", "errors", "inputTokens", "outputTokens", "cachedTokens", "costMicros", "latencySumMs", "cacheHits", "semanticHits", "cacheMisses", "tokensSaved", "costSavedMicros", "refused")
SELECT date_trunc('day', "hour"), "orgId", "model", "userId", "teamId", sum("calls"), sum("errors"), sum("inputTokens"), sum("outputTokens"), sum("cachedTokens"), sum("costMicros"), sum("latencySumMs"), sum("cacheHits"), sum("semanticHits"), sum("cacheMisses"), sum("tokensSaved"), sum("costSavedMicros"), sum("refused")
FROM "UsageRollup" GROUP BY 1, 2, 3, 4, 5 ORDER BY 1;

INSERT INTO "UsageRollupTeamDay" ("day", "orgId", "model", "teamId", "calls", "errors", "inputTokens", "outputTokens", "cachedTokens", "costMicros", "latencySumMs", "cacheHits", "semanticHits", "cacheMisses", "tokensSaved", "costSavedMicros", "refused")
SELECT date_trunc('day', "hour"), "orgId", "model", "teamId", sum("calls"), sum("errors"), sum("inputTokens"), sum("outputTokens"), sum("cachedTokens"), sum("costMicros"), sum("latencySumMs"), sum("cacheHits"), sum("semanticHits"), sum("cacheMisses"), sum("tokensSaved"), sum("costSavedMicros"), sum("refused")
FROM "UsageRollup" GROUP BY 1, 2, 3, 4 ORDER BY 1;
