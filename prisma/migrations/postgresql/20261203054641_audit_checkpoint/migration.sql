-- CreateTable
CREATE TABLE "AuditCheckpoint" (
    "id" INTEGER NOT NULL,
    "rowCount" INTEGER NOT NULL,
    "headId" INTEGER NOT NULL,
    "headHash" TEXT NOT NULL,
    "keyId" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "signature" TEXT NOT NULL,

    CONSTRAINT "AuditCheckpoint_pkey" PRIMARY KEY ("id")
);


-- A log written before the chain was keyed: mark it, so the next start verifies it with the old
-- plain SHA-256 chain and re-seals it under the key (lib/audit/seal-audit-chain-at-start.ts). A database
-- without audit rows gets no marker: its first append creates the checkpoint.
INSERT INTO "AuditCheckpoint" ("id", "rowCount", "headId", "headHash", "keyId", "updatedAt", "signature")
SELECT 1, COUNT(*)::integer, MAX("id"), (SELECT "hash" FROM "AuditLog" ORDER BY "id" DESC LIMIT 1), 'legacy-sha256', CURRENT_TIMESTAMP, ''
FROM "AuditLog"
HAVING COUNT(*) > 0;
