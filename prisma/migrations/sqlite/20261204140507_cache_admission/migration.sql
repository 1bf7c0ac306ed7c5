-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_CacheSettings" (
    "orgId" TEXT NOT NULL PRIMARY KEY,
    "enabled" BOOLEAN NOT NULL DEFAULT false,
    "mode" TEXT NOT NULL DEFAULT 'exact',
    "namespace" TEXT NOT NULL DEFAULT 'team',
    "ttlSeconds" INTEGER NOT NULL DEFAULT 3600,
    "maxEntries" INTEGER NOT NULL DEFAULT 10000,
    "maxBytes" BIGINT NOT NULL DEFAULT 67108864,
    "similarityThreshold" REAL NOT NULL DEFAULT 0.85,
    "embeddingModel" TEXT,
    "shadow" BOOLEAN NOT NULL DEFAULT false,
    "admission" TEXT NOT NULL DEFAULT 'repeated',
    "managedBy" TEXT,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_CacheSettings" ("embeddingModel", "enabled", "managedBy", "maxBytes", "maxEntries", "mode", "namespace", "orgId", "shadow", "similarityThreshold", "ttlSeconds", "updatedAt") SELECT "embeddingModel", "enabled", "managedBy", "maxBytes", "maxEntries", "mode", "namespace", "orgId", "shadow", "similarityThreshold", "ttlSeconds", "updatedAt" FROM "CacheSettings";
DROP TABLE "CacheSettings";
ALTER TABLE "new_CacheSettings" RENAME TO "CacheSettings";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

