-- AlterTable
ALTER TABLE "Model" ADD COLUMN "batchDiscountPercent" INTEGER;

-- AlterTable
ALTER TABLE "UsageRecord" ADD COLUMN "batchId" TEXT;

-- CreateTable
CREATE TABLE "BatchFile" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "orgId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "keyId" TEXT,
    "purpose" TEXT NOT NULL,
    "filename" TEXT NOT NULL,
    "bytes" INTEGER NOT NULL,
    "content" TEXT,
    "batchId" TEXT,
    "kind" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "Batch" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "orgId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "keyId" TEXT NOT NULL,
    "teamId" TEXT,
    "endpoint" TEXT NOT NULL,
    "inputFileId" TEXT NOT NULL,
    "outputFileId" TEXT,
    "errorFileId" TEXT,
    "completionWindow" TEXT NOT NULL DEFAULT '24h',
    "status" TEXT NOT NULL DEFAULT 'validating',
    "metadata" TEXT,
    "errors" TEXT,
    "total" INTEGER NOT NULL DEFAULT 0,
    "concurrency" INTEGER NOT NULL DEFAULT 4,
    "leaseOwner" TEXT,
    "leaseUntil" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" DATETIME NOT NULL,
    "inProgressAt" DATETIME,
    "finalizingAt" DATETIME,
    "completedAt" DATETIME,
    "failedAt" DATETIME,
    "expiredAt" DATETIME,
    "cancellingAt" DATETIME,
    "cancelledAt" DATETIME
);

-- CreateTable
CREATE TABLE "BatchLine" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "batchId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "line" INTEGER NOT NULL,
    "customId" TEXT,
    "body" TEXT,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "runnerId" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "requestId" TEXT,
    "statusCode" INTEGER,
    "result" TEXT,
    "outcome" TEXT,
    "inputTokens" INTEGER NOT NULL DEFAULT 0,
    "outputTokens" INTEGER NOT NULL DEFAULT 0,
    "costMicros" BIGINT NOT NULL DEFAULT 0,
    "latencyMs" INTEGER,
    "usageEvent" TEXT,
    "startedAt" DATETIME,
    "finishedAt" DATETIME,
    CONSTRAINT "BatchLine_batchId_fkey" FOREIGN KEY ("batchId") REFERENCES "Batch" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Conversation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "orgId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "titleFolded" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "systemPrompt" TEXT,
    "params" TEXT NOT NULL DEFAULT '{}',
    "messageCount" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "ConversationMessage" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "conversationId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "role" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "contentFolded" TEXT NOT NULL,
    "model" TEXT,
    "meta" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ConversationMessage_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "Conversation" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "BatchFile_userId_createdAt_idx" ON "BatchFile"("userId", "createdAt");

-- CreateIndex
CREATE INDEX "BatchFile_orgId_createdAt_idx" ON "BatchFile"("orgId", "createdAt");

-- CreateIndex
CREATE INDEX "Batch_userId_createdAt_idx" ON "Batch"("userId", "createdAt");

-- CreateIndex
CREATE INDEX "Batch_orgId_createdAt_idx" ON "Batch"("orgId", "createdAt");

-- CreateIndex
CREATE INDEX "Batch_status_idx" ON "Batch"("status");

-- CreateIndex
CREATE INDEX "BatchLine_batchId_status_idx" ON "BatchLine"("batchId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "BatchLine_batchId_seq_key" ON "BatchLine"("batchId", "seq");

-- CreateIndex
CREATE INDEX "Conversation_userId_updatedAt_idx" ON "Conversation"("userId", "updatedAt");

-- CreateIndex
CREATE INDEX "Conversation_userId_createdAt_idx" ON "Conversation"("userId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "ConversationMessage_conversationId_seq_key" ON "ConversationMessage"("conversationId", "seq");

-- CreateIndex
CREATE INDEX "UsageRecord_batchId_idx" ON "UsageRecord"("batchId");

