-- CreateTable
CREATE TABLE "ProviderTest" (
    "providerId" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "testedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "ok" BOOLEAN NOT NULL,
    "status" INTEGER,
    "latencyMs" INTEGER NOT NULL,
    "modelCount" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,

    CONSTRAINT "ProviderTest_pkey" PRIMARY KEY ("providerId")
);

-- CreateIndex
CREATE INDEX "ProviderTest_orgId_idx" ON "ProviderTest"("orgId");

-- AddForeignKey
ALTER TABLE "ProviderTest" ADD CONSTRAINT "ProviderTest_providerId_fkey" FOREIGN KEY ("providerId") REFERENCES "Provider"("id") ON DELETE CASCADE ON UPDATE CASCADE;

