-- AlterTable
ALTER TABLE "UsageRecord" ADD COLUMN "refusal" TEXT;

-- CreateTable
CREATE TABLE "UnauthenticatedDay" (
    "day" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("day", "reason")
);

-- CreateTable
CREATE TABLE "CaptureSetting" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "orgId" TEXT NOT NULL,
    "scope" TEXT NOT NULL,
    "scopeId" TEXT NOT NULL,
    "retentionHours" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "CapturedBody" (
    "requestId" TEXT NOT NULL PRIMARY KEY,
    "orgId" TEXT NOT NULL,
    "keyId" TEXT,
    "teamId" TEXT,
    "request" TEXT NOT NULL,
    "response" TEXT,
    "truncated" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" DATETIME NOT NULL
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_UsageRollup" (
    "hour" DATETIME NOT NULL,
    "orgId" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "keyId" TEXT NOT NULL,
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

    PRIMARY KEY ("hour", "orgId", "model", "userId", "teamId", "keyId")
);
INSERT INTO "new_UsageRollup" ("cacheHits", "cacheMisses", "cachedTokens", "calls", "costMicros", "costSavedMicros", "errors", "hour", "inputTokens", "keyId", "latencySumMs", "model", "orgId", "outputTokens", "semanticHits", "teamId", "tokensSaved", "userId") SELECT "cacheHits", "cacheMisses", "cachedTokens", "calls", "costMicros", "costSavedMicros", "errors", "hour", "inputTokens", "keyId", "latencySumMs", "model", "orgId", "outputTokens", "semanticHits", "teamId", "tokensSaved", "userId" FROM "UsageRollup";
DROP TABLE "UsageRollup";
ALTER TABLE "new_UsageRollup" RENAME TO "UsageRollup";
CREATE INDEX "UsageRollup_orgId_hour_idx" ON "UsageRollup"("orgId", "hour");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "CaptureSetting_orgId_scope_scopeId_key" ON "CaptureSetting"("orgId", "scope", "scopeId");

-- CreateIndex
CREATE INDEX "CapturedBody_expiresAt_idx" ON "CapturedBody"("expiresAt");


-- The first user of each organization is the admin the bootstrap created. Tier quotas are for the
-- people that admin lets in: it moves from the default tier (free, capped at 1,000 calls a day) to
-- enterprise, which has no default quota (docs/quotas-and-rate-limits.md, "Effective limits").
UPDATE "User" SET "tier" = 'enterprise'
WHERE "role" = 'admin' AND "tier" = 'free'
  AND "createdAt" = (SELECT MIN(u."createdAt") FROM "User" u WHERE u."orgId" = "User"."orgId");
