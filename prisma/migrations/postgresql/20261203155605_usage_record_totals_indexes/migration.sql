-- DropIndex
DROP INDEX "UsageRecord_createdAt_idx";

-- DropIndex
DROP INDEX "UsageRecord_keyId_createdAt_idx";

-- DropIndex
DROP INDEX "UsageRecord_userId_createdAt_idx";

-- DropIndex
DROP INDEX "UsageRecord_teamId_createdAt_idx";

-- DropIndex
DROP INDEX "UsageRecord_model_createdAt_idx";

-- CreateIndex
CREATE INDEX "UsageRecord_createdAt_totals_idx" ON "UsageRecord"("createdAt", "orgId", "status", "refusal", "cache", "inputTokens", "outputTokens", "costMicros", "costSavedMicros");

-- CreateIndex
CREATE INDEX "UsageRecord_keyId_createdAt_totals_idx" ON "UsageRecord"("keyId", "createdAt", "orgId", "status", "refusal", "cache", "inputTokens", "outputTokens", "costMicros", "costSavedMicros");

-- CreateIndex
CREATE INDEX "UsageRecord_userId_createdAt_totals_idx" ON "UsageRecord"("userId", "createdAt", "orgId", "status", "refusal", "cache", "inputTokens", "outputTokens", "costMicros", "costSavedMicros");

-- CreateIndex
CREATE INDEX "UsageRecord_teamId_createdAt_totals_idx" ON "UsageRecord"("teamId", "createdAt", "orgId", "status", "refusal", "cache", "inputTokens", "outputTokens", "costMicros", "costSavedMicros");

-- CreateIndex
CREATE INDEX "UsageRecord_model_createdAt_totals_idx" ON "UsageRecord"("model", "createdAt", "orgId", "status", "refusal", "cache", "inputTokens", "outputTokens", "costMicros", "costSavedMicros");

