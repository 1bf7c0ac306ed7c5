import { defineConfig, devices } from "@playwright/test";

// The app under test runs as it would in production (`scripts/start.mjs`: build if needed, migrate,
// bootstrap) on its own port and its own fresh SQLite file, against the fake upstream.
const APP_PORT = Number(process.env.E2E_APP_PORT ?? 3100);
const UPSTREAM_PORT = Number(process.env.E2E_UPSTREAM_PORT ?? 4110);
export const E2E = {
  baseURL: `http://127.0.0.1:${APP_PORT}`,
  upstreamURL: `http://127.0.0.1:${UPSTREAM_PORT}`,
  adminEmail: "admin@e2e.test",
  adminPassword: "e2e-admin-password",
  adminApiKey: "e2e-admin-api-key-0123456789",
  upstreamKey: "sk-e2e-upstream",
};

export default defineConfig({
  testDir: "e2e",
  testMatch: /.*\.(spec|setup)\.ts/,
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["json"]],
  globalSetup: "./e2e/support/global-setup.ts",
  use: {
    baseURL: E2E.baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    viewport: { width: 1440, height: 900 },
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    },
  },
  projects: [
    { name: "setup", testMatch: /auth\.setup\.ts/ },
    { name: "chromium", use: { ...devices["Desktop Chrome"], viewport: { width: 1440, height: 900 }, storageState: "e2e/.auth/admin.json" }, dependencies: ["setup"], testMatch: /.*\.spec\.ts/ },
  ],
  webServer: [
    {
      command: `npx tsx e2e/fake-upstream/main.ts --port ${UPSTREAM_PORT} --api-key ${E2E.upstreamKey}`,
      url: `${E2E.upstreamURL}/__requests`,
      reuseExistingServer: false,
      timeout: 30_000,
    },
    {
      command: "node e2e/support/start-app.mjs",
      url: `${E2E.baseURL}/api/health`,
      reuseExistingServer: false,
      timeout: 600_000,
      stdout: "pipe",
      env: {
        PORT: String(APP_PORT),
        HOSTNAME: "127.0.0.1",
        DATABASE_URL: "file:./data/e2e/e2e.db",
        ADMIN_EMAIL: E2E.adminEmail,
        ADMIN_PASSWORD: E2E.adminPassword,
        ADMIN_API_KEY: E2E.adminApiKey,
        TOLLGATE_SECRET: "e2e-secret-e2e-secret-e2e-secret-0123",
        NEXTAUTH_URL: E2E.baseURL,
        USAGE_FLUSH_INTERVAL_MS: "200",
        // Alerts are evaluated on a timer; a short one keeps the governance flow quick.
        ALERT_EVALUATION_INTERVAL_MS: "1000",
        LOG_LEVEL: "warn",
      },
    },
  ],
});
