-- AlterTable
ALTER TABLE "ApiKey" ADD COLUMN     "maxConcurrency" INTEGER;

-- AlterTable
ALTER TABLE "Model" ADD COLUMN     "fallbackModels" TEXT NOT NULL DEFAULT '[]',
ADD COLUMN     "maxRetries" INTEGER NOT NULL DEFAULT 2,
ADD COLUMN     "queueTimeoutMs" INTEGER,
ADD COLUMN     "router" TEXT,
ADD COLUMN     "routingStrategy" TEXT NOT NULL DEFAULT 'priority',
ADD COLUMN     "timeoutMs" INTEGER;

-- AlterTable
ALTER TABLE "UsageRecord" ADD COLUMN     "attemptLog" TEXT,
ADD COLUMN     "attempts" INTEGER,
ADD COLUMN     "deploymentId" TEXT,
ADD COLUMN     "fallbackModel" TEXT,
ADD COLUMN     "router" TEXT;

-- CreateTable
CREATE TABLE "Deployment" (
    "id" TEXT NOT NULL,
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
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Deployment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DeploymentStat" (
    "bucket" TIMESTAMP(3) NOT NULL,
    "deploymentId" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "calls" INTEGER NOT NULL DEFAULT 0,
    "errors" INTEGER NOT NULL DEFAULT 0,
    "latencySumMs" BIGINT NOT NULL DEFAULT 0,
    "ttftCount" INTEGER NOT NULL DEFAULT 0,
    "ttftSumMs" BIGINT NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "lastErrorAt" TIMESTAMP(3),

    CONSTRAINT "DeploymentStat_pkey" PRIMARY KEY ("bucket","deploymentId")
);

-- CreateTable
CREATE TABLE "DeploymentLatency" (
    "bucket" TIMESTAMP(3) NOT NULL,
    "deploymentId" TEXT NOT NULL,
    "metric" TEXT NOT NULL,
    "le" INTEGER NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "DeploymentLatency_pkey" PRIMARY KEY ("bucket","deploymentId","metric","le")
);

-- CreateTable
CREATE TABLE "DeploymentEjection" (
    "id" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "deploymentId" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "provider" TEXT,
    "ejectedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "until" TIMESTAMP(3) NOT NULL,
    "reason" TEXT NOT NULL,
    "lastError" TEXT,

    CONSTRAINT "DeploymentEjection_pkey" PRIMARY KEY ("id")
);

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

-- AddForeignKey
ALTER TABLE "Deployment" ADD CONSTRAINT "Deployment_modelId_fkey" FOREIGN KEY ("modelId") REFERENCES "Model"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Deployment" ADD CONSTRAINT "Deployment_providerId_fkey" FOREIGN KEY ("providerId") REFERENCES "Provider"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Every model a provider serves becomes a model with one deployment: the same provider and upstream
-- model, weight 1, priority 0 (the routing it had before, unchanged).
INSERT INTO "Deployment" ("id", "orgId", "modelId", "providerId", "upstreamModel", "weight", "priority", "state", "position", "createdAt", "updatedAt")
SELECT 'dep_' || "id", "orgId", "id", "providerId", "upstreamModel", 1, 0, 'active', 0, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP
FROM "Model" WHERE "providerId" IS NOT NULL;
