import { defineConfig } from "vitest/config";
import path from "node:path";
import { DATABASE_FREE_TESTS, NO_DATABASE_URL, NO_REDIS_URL } from "./test/support/database-free-tests";
import { TEST_LOG_LEVEL, TEST_SECRET } from "./test/support/test-env";

// Unit tests sit next to the code (lib/**/x.test.ts). Integration tests (test/integration) talk to
// real databases, Redis and the fake upstream. Two projects:
// - "database-free": the tests listed in test/support/database-free-tests.ts. They run once
//   (scripts/test.mjs's SQLite pass), with DATABASE_URL and TEST_REDIS_URL pointing at nothing, so
//   a listed test that starts touching a database or Redis fails instead of running on one only.
// - "database": everything else (a new test lands here by default), run once per database.
const ALL_TESTS = ["lib/**/*.test.ts", "components/**/*.test.ts", "e2e/fake-upstream/**/*.test.ts", "test/**/*.test.ts"];
const EXCLUDED = ["node_modules/**", ".next/**"];

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
    testTimeout: 20_000,
    hookTimeout: 60_000,
    // expect.poll waits for what the gateway does after answering (usage flushed about once a second,
    // counters settled, announcements heard); vitest's default of 1 s is too short for that on a busy
    // 2-core machine running every suite at once.
    expect: { poll: { timeout: 5_000 } },
    pool: "forks",
    projects: [
      {
        extends: true,
        test: {
          name: "database-free",
          include: DATABASE_FREE_TESTS,
          exclude: EXCLUDED,
          setupFiles: ["test/support/database-free-setup.ts"],
          env: {
            DATABASE_URL: NO_DATABASE_URL,
            TEST_REDIS_URL: NO_REDIS_URL,
            TOLLGATE_SECRET: process.env.TOLLGATE_SECRET ?? TEST_SECRET,
            LOG_LEVEL: process.env.LOG_LEVEL ?? TEST_LOG_LEVEL,
          },
        },
      },
      {
        extends: true,
        test: {
          name: "database",
          include: ALL_TESTS,
          exclude: [...EXCLUDED, ...DATABASE_FREE_TESTS],
          globalSetup: ["test/support/global-setup.ts"],
        },
      },
    ],
  },
});
