-- CreateTable
CREATE TABLE "CacheWarmupJob" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "orgId" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "keyId" TEXT,
    "teamId" TEXT,
    "userId" TEXT,
    "createdBy" TEXT NOT NULL,
    "concurrency" INTEGER NOT NULL DEFAULT 4,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "total" INTEGER NOT NULL,
    "estimatedCostMicros" BIGINT NOT NULL DEFAULT 0,
    "error" TEXT,
    "leaseOwner" TEXT,
    "leaseUntil" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" DATETIME,
    "finishedAt" DATETIME,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "CacheWarmupItem" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "jobId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "line" INTEGER NOT NULL,
    "request" TEXT NOT NULL,
    "preview" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "runnerId" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "cache" TEXT,
    "requestId" TEXT,
    "inputTokens" INTEGER NOT NULL DEFAULT 0,
    "outputTokens" INTEGER NOT NULL DEFAULT 0,
    "costMicros" BIGINT NOT NULL DEFAULT 0,
    "latencyMs" INTEGER,
    "error" TEXT,
    "startedAt" DATETIME,
    "finishedAt" DATETIME,
    CONSTRAINT "CacheWarmupItem_jobId_fkey" FOREIGN KEY ("jobId") REFERENCES "CacheWarmupJob" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "CacheWarmupJob_orgId_createdAt_idx" ON "CacheWarmupJob"("orgId", "createdAt");

-- CreateIndex
CREATE INDEX "CacheWarmupJob_status_idx" ON "CacheWarmupJob"("status");

-- CreateIndex
CREATE INDEX "CacheWarmupItem_jobId_status_idx" ON "CacheWarmupItem"("jobId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "CacheWarmupItem_jobId_seq_key" ON "CacheWarmupItem"("jobId", "seq");

