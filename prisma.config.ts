// Prisma CLI configuration. Tollgate runs Prisma's JavaScript schema engine through a driver
// adapter, so no native engine is ever downloaded. Always call the CLI through
// `scripts/prisma.mjs` (npm run db:*), which sets the environment this needs.
import { defineConfig } from "prisma/config";
import { cliAdapterFor, databaseProviderOf } from "./prisma/cli-adapter";

const url = process.env.DATABASE_URL ?? "file:./data/tollgate.db";
const provider = databaseProviderOf(url);

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: provider === "postgresql" ? "prisma/postgresql/schema.prisma" : "prisma/schema.prisma",
  migrations: { path: `prisma/migrations/${provider}` },
  adapter: () => cliAdapterFor(url),
});
