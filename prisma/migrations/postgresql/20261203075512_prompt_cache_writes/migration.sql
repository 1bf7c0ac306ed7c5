-- AlterTable
ALTER TABLE "Model" ADD COLUMN     "cacheWritePricePerMTok" BIGINT;

-- AlterTable
ALTER TABLE "Deployment" ADD COLUMN     "cacheWritePricePerMTok" BIGINT;

-- AlterTable
ALTER TABLE "UsageRecord" ADD COLUMN     "cacheWriteTokens" INTEGER;

