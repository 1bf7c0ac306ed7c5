-- AlterTable
ALTER TABLE "CacheSettings" ADD COLUMN     "admission" TEXT NOT NULL DEFAULT 'repeated';

