-- AlterTable
ALTER TABLE "User" ADD COLUMN     "keyMaxDays" INTEGER,
ADD COLUMN     "keyModels" TEXT NOT NULL DEFAULT '[]';

