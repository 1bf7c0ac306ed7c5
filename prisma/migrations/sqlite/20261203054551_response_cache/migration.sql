-- CreateTable
CREATE TABLE "CacheSettings" (
    "orgId" TEXT NOT NULL PRIMARY KEY,
    "enabled" BOOLEAN NOT NULL DEFAULT false,
    "mode" TEXT NOT NULL DEFAULT 'exact',
    "namespace" TEXT NOT NULL DEFAULT 'team',
    "ttlSeconds" INTEGER NOT NULL DEFAULT 3600,
    "maxEntries" INTEGER NOT NULL DEFAULT 10000,
    "maxBytes" BIGINT NOT NULL DEFAULT 67108864,
    "similarityThreshold" REAL NOT NULL DEFAULT 0.85,
    "embeddingModel" TEXT,
    "shadow" BOOLEAN NOT NULL DEFAULT false,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "CacheEntry" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "orgId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "namespace" TEXT NOT NULL,
    "teamId" TEXT,
    "keyId" TEXT,
    "model" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "contextKey" TEXT,
    "prompt" TEXT NOT NULL,
    "request" TEXT NOT NULL,
    "answer" TEXT NOT NULL,
    "vector" BLOB,
    "embedder" TEXT,
    "inputTokens" INTEGER NOT NULL DEFAULT 0,
    "outputTokens" INTEGER NOT NULL DEFAULT 0,
    "bytes" INTEGER NOT NULL,
    "hits" INTEGER NOT NULL DEFAULT 0,
    "source" TEXT NOT NULL DEFAULT 'call',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "CacheShadowHit" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "orgId" TEXT NOT NULL,
    "requestId" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "teamId" TEXT,
    "prompt" TEXT NOT NULL,
    "entryId" TEXT NOT NULL,
    "cachedPrompt" TEXT NOT NULL,
    "similarity" REAL NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_ApiKey" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "orgId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "teamId" TEXT,
    "name" TEXT NOT NULL,
    "keyHash" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "models" TEXT NOT NULL DEFAULT '[]',
    "expiresAt" DATETIME,
    "revokedAt" DATETIME,
    "lastUsedAt" DATETIME,
    "cacheOptOut" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "ApiKey_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organization" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ApiKey_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ApiKey_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_ApiKey" ("createdAt", "expiresAt", "id", "keyHash", "lastUsedAt", "models", "name", "orgId", "prefix", "revokedAt", "teamId", "updatedAt", "userId") SELECT "createdAt", "expiresAt", "id", "keyHash", "lastUsedAt", "models", "name", "orgId", "prefix", "revokedAt", "teamId", "updatedAt", "userId" FROM "ApiKey";
DROP TABLE "ApiKey";
ALTER TABLE "new_ApiKey" RENAME TO "ApiKey";
CREATE UNIQUE INDEX "ApiKey_keyHash_key" ON "ApiKey"("keyHash");
CREATE INDEX "ApiKey_userId_idx" ON "ApiKey"("userId");
CREATE INDEX "ApiKey_teamId_idx" ON "ApiKey"("teamId");
CREATE TABLE "new_UsageRecord" (
    "requestId" TEXT NOT NULL PRIMARY KEY,
    "orgId" TEXT NOT NULL,
    "keyId" TEXT,
    "userId" TEXT,
    "teamId" TEXT,
    "model" TEXT NOT NULL,
    "providerId" TEXT,
    "providerKind" TEXT,
    "upstreamModel" TEXT,
    "inputTokens" INTEGER NOT NULL DEFAULT 0,
    "outputTokens" INTEGER NOT NULL DEFAULT 0,
    "cachedTokens" INTEGER NOT NULL DEFAULT 0,
    "costMicros" BIGINT NOT NULL DEFAULT 0,
    "latencyMs" INTEGER NOT NULL DEFAULT 0,
    "ttftMs" INTEGER,
    "streamed" BOOLEAN NOT NULL DEFAULT false,
    "status" INTEGER NOT NULL,
    "errorType" TEXT,
    "estimated" BOOLEAN NOT NULL DEFAULT false,
    "endpoint" TEXT NOT NULL DEFAULT 'chat.completions',
    "cache" TEXT,
    "costSavedMicros" BIGINT NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
INSERT INTO "new_UsageRecord" ("cachedTokens", "costMicros", "createdAt", "endpoint", "errorType", "estimated", "inputTokens", "keyId", "latencyMs", "model", "orgId", "outputTokens", "providerId", "providerKind", "requestId", "status", "streamed", "teamId", "ttftMs", "upstreamModel", "userId") SELECT "cachedTokens", "costMicros", "createdAt", "endpoint", "errorType", "estimated", "inputTokens", "keyId", "latencyMs", "model", "orgId", "outputTokens", "providerId", "providerKind", "requestId", "status", "streamed", "teamId", "ttftMs", "upstreamModel", "userId" FROM "UsageRecord";
DROP TABLE "UsageRecord";
ALTER TABLE "new_UsageRecord" RENAME TO "UsageRecord";
CREATE INDEX "UsageRecord_createdAt_idx" ON "UsageRecord"("createdAt");
CREATE INDEX "UsageRecord_keyId_createdAt_idx" ON "UsageRecord"("keyId", "createdAt");
CREATE INDEX "UsageRecord_userId_createdAt_idx" ON "UsageRecord"("userId", "createdAt");
CREATE INDEX "UsageRecord_teamId_createdAt_idx" ON "UsageRecord"("teamId", "createdAt");
CREATE INDEX "UsageRecord_model_createdAt_idx" ON "UsageRecord"("model", "createdAt");
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

    PRIMARY KEY ("hour", "orgId", "model", "userId", "teamId", "keyId")
);
INSERT INTO "new_UsageRollup" ("cachedTokens", "calls", "costMicros", "errors", "hour", "inputTokens", "keyId", "latencySumMs", "model", "orgId", "outputTokens", "teamId", "userId") SELECT "cachedTokens", "calls", "costMicros", "errors", "hour", "inputTokens", "keyId", "latencySumMs", "model", "orgId", "outputTokens", "teamId", "userId" FROM "UsageRollup";
DROP TABLE "UsageRollup";
ALTER TABLE "new_UsageRollup" RENAME TO "UsageRollup";
CREATE INDEX "UsageRollup_orgId_hour_idx" ON "UsageRollup"("orgId", "hour");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "CacheEntry_orgId_expiresAt_idx" ON "CacheEntry"("orgId", "expiresAt");

-- CreateIndex
CREATE INDEX "CacheEntry_orgId_lastUsedAt_idx" ON "CacheEntry"("orgId", "lastUsedAt");

-- CreateIndex
CREATE INDEX "CacheEntry_orgId_model_createdAt_idx" ON "CacheEntry"("orgId", "model", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "CacheEntry_orgId_key_key" ON "CacheEntry"("orgId", "key");

-- CreateIndex
CREATE INDEX "CacheShadowHit_orgId_createdAt_idx" ON "CacheShadowHit"("orgId", "createdAt");

