-- AlterTable
ALTER TABLE "ApiKey" ADD COLUMN "maxConcurrency" INTEGER;

-- CreateTable
CREATE TABLE "Deployment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "orgId" TEXT NOT NULL,
    "modelId" TEXT NOT NULL,
    "providerId" TEXT NOT NULL,
    "upstreamModel" TEXT NOT NULL,
    "weight" INTEGER NOT NULL DEFAULT 1,
    "priority" INTEGER NOT NULL DEFAULT 0,
    "maxConcurrency" INTEGER,
    "inputPricePerMTok" BIGINT,
    "outputPricePerMTok" BIGINT,
    "cachedPricePerMTok" BIGINT,
    "state" TEXT NOT NULL DEFAULT 'active',
    "position" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Deployment_modelId_fkey" FOREIGN KEY ("modelId") REFERENCES "Model" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Deployment_providerId_fkey" FOREIGN KEY ("providerId") REFERENCES "Provider" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "DeploymentStat" (
    "bucket" DATETIME NOT NULL,
    "deploymentId" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "calls" INTEGER NOT NULL DEFAULT 0,
    "errors" INTEGER NOT NULL DEFAULT 0,
    "latencySumMs" BIGINT NOT NULL DEFAULT 0,
    "ttftCount" INTEGER NOT NULL DEFAULT 0,
    "ttftSumMs" BIGINT NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "lastErrorAt" DATETIME,

    PRIMARY KEY ("bucket", "deploymentId")
);

-- CreateTable
CREATE TABLE "DeploymentLatency" (
    "bucket" DATETIME NOT NULL,
    "deploymentId" TEXT NOT NULL,
    "metric" TEXT NOT NULL,
    "le" INTEGER NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("bucket", "deploymentId", "metric", "le")
);

-- CreateTable
CREATE TABLE "DeploymentEjection" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "orgId" TEXT NOT NULL,
    "deploymentId" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "provider" TEXT,
    "ejectedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "until" DATETIME NOT NULL,
    "reason" TEXT NOT NULL,
    "lastError" TEXT
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Model" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "orgId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "providerId" TEXT,
    "upstreamModel" TEXT NOT NULL,
    "inputPricePerMTok" BIGINT NOT NULL DEFAULT 0,
    "outputPricePerMTok" BIGINT NOT NULL DEFAULT 0,
    "cachedPricePerMTok" BIGINT,
    "contextWindow" INTEGER,
    "maxOutputTokens" INTEGER,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "routingStrategy" TEXT NOT NULL DEFAULT 'priority',
    "maxRetries" INTEGER NOT NULL DEFAULT 2,
    "fallbackModels" TEXT NOT NULL DEFAULT '[]',
    "timeoutMs" INTEGER,
    "queueTimeoutMs" INTEGER,
    "router" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Model_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organization" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Model_providerId_fkey" FOREIGN KEY ("providerId") REFERENCES "Provider" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Model" ("cachedPricePerMTok", "contextWindow", "createdAt", "enabled", "id", "inputPricePerMTok", "maxOutputTokens", "name", "orgId", "outputPricePerMTok", "providerId", "updatedAt", "upstreamModel") SELECT "cachedPricePerMTok", "contextWindow", "createdAt", "enabled", "id", "inputPricePerMTok", "maxOutputTokens", "name", "orgId", "outputPricePerMTok", "providerId", "updatedAt", "upstreamModel" FROM "Model";
DROP TABLE "Model";
ALTER TABLE "new_Model" RENAME TO "Model";
CREATE INDEX "Model_providerId_idx" ON "Model"("providerId");
CREATE UNIQUE INDEX "Model_orgId_name_key" ON "Model"("orgId", "name");
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
    "refusal" TEXT,
    "deploymentId" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 1,
    "fallbackModel" TEXT,
    "router" TEXT,
    "attemptLog" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
INSERT INTO "new_UsageRecord" ("cache", "cachedTokens", "costMicros", "costSavedMicros", "createdAt", "endpoint", "errorType", "estimated", "inputTokens", "keyId", "latencyMs", "model", "orgId", "outputTokens", "providerId", "providerKind", "refusal", "requestId", "status", "streamed", "teamId", "ttftMs", "upstreamModel", "userId") SELECT "cache", "cachedTokens", "costMicros", "costSavedMicros", "createdAt", "endpoint", "errorType", "estimated", "inputTokens", "keyId", "latencyMs", "model", "orgId", "outputTokens", "providerId", "providerKind", "refusal", "requestId", "status", "streamed", "teamId", "ttftMs", "upstreamModel", "userId" FROM "UsageRecord";
DROP TABLE "UsageRecord";
ALTER TABLE "new_UsageRecord" RENAME TO "UsageRecord";
CREATE INDEX "UsageRecord_createdAt_idx" ON "UsageRecord"("createdAt");
CREATE INDEX "UsageRecord_keyId_createdAt_idx" ON "UsageRecord"("keyId", "createdAt");
CREATE INDEX "UsageRecord_userId_createdAt_idx" ON "UsageRecord"("userId", "createdAt");
CREATE INDEX "UsageRecord_teamId_createdAt_idx" ON "UsageRecord"("teamId", "createdAt");
CREATE INDEX "UsageRecord_model_createdAt_idx" ON "UsageRecord"("model", "createdAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "Deployment_modelId_idx" ON "Deployment"("modelId");

-- CreateIndex
CREATE INDEX "Deployment_providerId_idx" ON "Deployment"("providerId");

-- CreateIndex
CREATE INDEX "DeploymentStat_orgId_bucket_idx" ON "DeploymentStat"("orgId", "bucket");

-- CreateIndex
CREATE INDEX "DeploymentEjection_deploymentId_ejectedAt_idx" ON "DeploymentEjection"("deploymentId", "ejectedAt");

-- CreateIndex
CREATE INDEX "DeploymentEjection_orgId_ejectedAt_idx" ON "DeploymentEjection"("orgId", "ejectedAt");


-- Every model a provider serves becomes a model with one deployment: the same provider and upstream
-- model, weight 1, priority 0 (the routing it had before, unchanged).
INSERT INTO "Deployment" ("id", "orgId", "modelId", "providerId", "upstreamModel", "weight", "priority", "state", "position", "createdAt", "updatedAt")
SELECT 'dep_' || "id", "orgId", "id", "providerId", "upstreamModel", 1, 0, 'active', 0, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP
FROM "Model" WHERE "providerId" IS NOT NULL;
