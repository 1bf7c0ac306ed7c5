-- AlterTable
ALTER TABLE "ApiKey" ADD COLUMN "maxConcurrency" INTEGER;

-- AlterTable
ALTER TABLE "UsageRecord" ADD COLUMN "attemptLog" TEXT;
ALTER TABLE "UsageRecord" ADD COLUMN "attempts" INTEGER;
ALTER TABLE "UsageRecord" ADD COLUMN "deploymentId" TEXT;
ALTER TABLE "UsageRecord" ADD COLUMN "fallbackModel" TEXT;
ALTER TABLE "UsageRecord" ADD COLUMN "router" TEXT;

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
