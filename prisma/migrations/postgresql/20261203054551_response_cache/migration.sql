-- AlterTable
ALTER TABLE "ApiKey" ADD COLUMN     "cacheOptOut" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "UsageRecord" ADD COLUMN     "cache" TEXT,
ADD COLUMN     "costSavedMicros" BIGINT NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "UsageRollup" ADD COLUMN     "cacheHits" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "cacheMisses" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "costSavedMicros" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "semanticHits" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "tokensSaved" BIGINT NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "CacheSettings" (
    "orgId" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT false,
    "mode" TEXT NOT NULL DEFAULT 'exact',
    "namespace" TEXT NOT NULL DEFAULT 'team',
    "ttlSeconds" INTEGER NOT NULL DEFAULT 3600,
    "maxEntries" INTEGER NOT NULL DEFAULT 10000,
    "maxBytes" BIGINT NOT NULL DEFAULT 67108864,
    "similarityThreshold" DOUBLE PRECISION NOT NULL DEFAULT 0.85,
    "embeddingModel" TEXT,
    "shadow" BOOLEAN NOT NULL DEFAULT false,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CacheSettings_pkey" PRIMARY KEY ("orgId")
);

-- CreateTable
CREATE TABLE "CacheEntry" (
    "id" TEXT NOT NULL,
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
    "vector" BYTEA,
    "embedder" TEXT,
    "inputTokens" INTEGER NOT NULL DEFAULT 0,
    "outputTokens" INTEGER NOT NULL DEFAULT 0,
    "bytes" INTEGER NOT NULL,
    "hits" INTEGER NOT NULL DEFAULT 0,
    "source" TEXT NOT NULL DEFAULT 'call',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CacheEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CacheShadowHit" (
    "id" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "requestId" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "teamId" TEXT,
    "prompt" TEXT NOT NULL,
    "entryId" TEXT NOT NULL,
    "cachedPrompt" TEXT NOT NULL,
    "similarity" DOUBLE PRECISION NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CacheShadowHit_pkey" PRIMARY KEY ("id")
);

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

