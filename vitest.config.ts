import { defineConfig } from "vitest/config";
import path from "node:path";

// Unit tests sit next to the code (lib/**/x.test.ts). Integration tests (test/integration) talk to
// real databases, Redis and the fake upstream; scripts/test.mjs runs them once per database.
export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(__dirname),
      // `server-only` throws outside React Server Components; tests are server code anyway.
      "server-only": path.resolve(__dirname, "test/support/empty-module.ts"),
    },
  },
  test: {
    environment: "node",
    include: ["lib/**/*.test.ts", "components/**/*.test.ts", "e2e/fake-upstream/**/*.test.ts", "test/**/*.test.ts"],
    exclude: ["node_modules/**", ".next/**"],
    testTimeout: 20_000,
    hookTimeout: 60_000,
    pool: "forks",
    globalSetup: ["test/support/global-setup.ts"],
  },
});
