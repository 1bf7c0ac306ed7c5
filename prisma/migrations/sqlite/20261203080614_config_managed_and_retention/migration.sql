-- AlterTable
ALTER TABLE "Team" ADD COLUMN "managedBy" TEXT;

-- AlterTable
ALTER TABLE "Provider" ADD COLUMN "managedBy" TEXT;

-- AlterTable
ALTER TABLE "Model" ADD COLUMN "managedBy" TEXT;

-- AlterTable
ALTER TABLE "Quota" ADD COLUMN "managedBy" TEXT;

-- AlterTable
ALTER TABLE "RateLimit" ADD COLUMN "managedBy" TEXT;

-- AlterTable
ALTER TABLE "AlertRule" ADD COLUMN "managedBy" TEXT;

-- AlterTable
ALTER TABLE "CacheSettings" ADD COLUMN "managedBy" TEXT;

-- CreateTable
CREATE TABLE "RetentionRun" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" DATETIME,
    "cutoff" DATETIME NOT NULL,
    "status" TEXT NOT NULL,
    "usageRecords" INTEGER NOT NULL DEFAULT 0,
    "batches" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "runner" TEXT
);

-- CreateIndex
CREATE INDEX "RetentionRun_startedAt_idx" ON "RetentionRun"("startedAt");

