-- CreateTable
CREATE TABLE "AuditCheckpoint" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "rowCount" INTEGER NOT NULL,
    "headId" INTEGER NOT NULL,
    "headHash" TEXT NOT NULL,
    "keyId" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    "signature" TEXT NOT NULL
);


-- A log written before the chain was keyed: mark it, so the next start verifies it with the old
-- plain SHA-256 chain and re-seals it under the key (lib/audit/seal-audit-chain-at-start.ts). A database
-- without audit rows gets no marker: its first append creates the checkpoint.
INSERT INTO "AuditCheckpoint" ("id", "rowCount", "headId", "headHash", "keyId", "updatedAt", "signature")
SELECT 1, COUNT(*), MAX("id"), (SELECT "hash" FROM "AuditLog" ORDER BY "id" DESC LIMIT 1), 'legacy-sha256', strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'), ''
FROM "AuditLog"
HAVING COUNT(*) > 0;
