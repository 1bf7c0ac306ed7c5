-- CreateTable
CREATE TABLE "UsageRollupUserDay" (
    "day" TIMESTAMP(3) NOT NULL,
    "orgId" TEXT NOT NULL,
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

    CONSTRAINT "UsageRollupUserDay_pkey" PRIMARY KEY ("day","orgId","userId","teamId")
);

-- CreateTable
CREATE TABLE "UsageRollupModelDay" (
    "day" TIMESTAMP(3) NOT NULL,
    "orgId" TEXT NOT NULL,
    "model" TEXT NOT NULL,
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

    CONSTRAINT "UsageRollupModelDay_pkey" PRIMARY KEY ("day","orgId","model")
);


-- Backfill: the existing daily rollups summed without the model (per user) and without user and team (per model), their "day" values copied as stored
INSERT INTO "UsageRollupUserDay" ("day", "orgId", "userId", "teamId", "calls", "errors", "inputTokens", "outputTokens", "cachedTokens", "costMicros", "latencySumMs", "cacheHits", "semanticHits", "cacheMisses", "tokensSaved", "costSavedMicros", "refused")
SELECT "day", "orgId", "userId", "teamId", sum("calls"), sum("errors"), sum("inputTokens"), sum("outputTokens"), sum("cachedTokens"), sum("costMicros"), sum("latencySumMs"), sum("cacheHits"), sum("semanticHits"), sum("cacheMisses"), sum("tokensSaved"), sum("costSavedMicros"), sum("refused")
FROM "UsageRollupDay" GROUP BY 1, 2, 3, 4 ORDER BY 1;

INSERT INTO "UsageRollupModelDay" ("day", "orgId", "model", "calls", "errors", "inputTokens", "outputTokens", "cachedTokens", "costMicros", "latencySumMs", "cacheHits", "semanticHits", "cacheMisses", "tokensSaved", "costSavedMicros", "refused")
SELECT "day", "orgId", "model", sum("calls"), sum("errors"), sum("inputTokens"), sum("outputTokens"), sum("cachedTokens"), sum("costMicros"), sum("latencySumMs"), sum("cacheHits"), sum("semanticHits"), sum("cacheMisses"), sum("tokensSaved"), sum("costSavedMicros"), sum("refused")
FROM "UsageRollupTeamDay" GROUP BY 1, 2, 3 ORDER BY 1;
