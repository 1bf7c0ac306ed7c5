-- AlterTable
ALTER TABLE "UsageRecord" ADD COLUMN     "refusal" TEXT;

-- AlterTable
ALTER TABLE "UsageRollup" ADD COLUMN     "refused" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "UnauthenticatedDay" (
    "day" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "UnauthenticatedDay_pkey" PRIMARY KEY ("day","reason")
);

-- CreateTable
CREATE TABLE "CaptureSetting" (
    "id" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "scope" TEXT NOT NULL,
    "scopeId" TEXT NOT NULL,
    "retentionHours" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CaptureSetting_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CapturedBody" (
    "requestId" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "keyId" TEXT,
    "teamId" TEXT,
    "request" TEXT NOT NULL,
    "response" TEXT,
    "truncated" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CapturedBody_pkey" PRIMARY KEY ("requestId")
);

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
