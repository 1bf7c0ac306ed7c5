// Configuration as code in the console: a file applied with `npm run config:apply` (the real command,
// on the e2e app's database) marks its items "Managed by tollgate.yaml" on the Providers, Models,
// Teams, Quotas & limits and Alerts pages, with their edit and delete buttons disabled, and the API
// refuses to change them; once the file drops them they are the console's again.
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { E2E } from "../playwright.config";

const suffix = Date.now().toString(36);
const names = { provider: `cfg-provider-${suffix}`, model: `cfg-model-${suffix}`, team: `cfg-team-${suffix}`, rule: `cfg-rule-${suffix}` };
const shots = (name: string) => `test-results/screenshots/${name}.png`;
const dir = mkdtempSync(join(tmpdir(), "tollgate-e2e-config-"));

const FILE = `
providers:
  - name: ${names.provider}
    kind: openai-compatible
    baseUrl: ${E2E.upstreamURL}/v1
    apiKey: \${CFG_E2E_UPSTREAM_KEY}
models:
  - name: ${names.model}
    provider: ${names.provider}
    upstreamModel: fake-gpt
    inputPricePerMTok: 1
    outputPricePerMTok: 2
teams:
  - name: ${names.team}
quotas:
  - scope: team
    scopeName: ${names.team}
    period: monthly
    maxCalls: 1000
rateLimits:
  - scope: team
    scopeName: ${names.team}
    rpm: 600
alertRules:
  - name: ${names.rule}
    scope: team
    scopeName: ${names.team}
    metric: spend
    thresholds: [10]
    channels:
      - type: webhook
        url: https://hooks.example.test/e2e
`;

/** `npm run config:apply -- --apply` on the e2e app's database (its URL and secret: playwright.config.ts). */
function applyFile(yaml: string): string {
  const file = join(dir, `tollgate-${Date.now()}.yaml`);
  writeFileSync(file, yaml);
  return execFileSync(process.execPath, ["scripts/config.mjs", "apply", "--apply", "--file", file], {
    encoding: "utf8",
    env: { ...process.env, DATABASE_URL: "file:./data/e2e/e2e.db", TOLLGATE_SECRET: "e2e-secret-e2e-secret-e2e-secret-0123", CFG_E2E_UPSTREAM_KEY: E2E.upstreamKey, LOG_LEVEL: "warn" },
  });
}

const row = (page: Page, table: string, text: string) => page.getByTestId(table).getByRole("row").filter({ hasText: text });

async function expectManagedRow(page: Page, table: string, text: string, buttons: string[]): Promise<void> {
  const found = row(page, table, text);
  await expect(found.getByTestId("managed-badge")).toHaveText("Managed by tollgate.yaml");
  for (const button of buttons) {
    await expect(found.getByTestId(button)).toBeDisabled();
    await expect(found.getByTestId(button)).toHaveAttribute("title", /Managed by the configuration file/);
  }
}

test("items of the configuration file are marked managed in the console and locked, until the file drops them", async ({ page }) => {
  const output = applyFile(FILE);
  expect(output).toContain(`+ team ${names.team}`);
  expect(output).toContain("Applied 6 changes in one transaction");

  await page.goto("/teams");
  await expectManagedRow(page, "teams-table", names.team, ["edit-team", "delete-team"]);
  await page.screenshot({ path: shots("config-file-teams"), fullPage: true });

  await page.goto("/providers");
  await expectManagedRow(page, "providers-table", names.provider, ["edit-provider", "delete-provider"]);

  await page.goto("/models");
  await expectManagedRow(page, "models-table", names.model, ["edit-model", "model-routing", "delete-model"]);
  await expect(row(page, "models-table", names.model).getByTestId("toggle-model")).toBeDisabled();
  await page.screenshot({ path: shots("config-file-models"), fullPage: true });

  await page.goto("/quotas");
  await expectManagedRow(page, "quotas-table", names.team, ["edit-quota", "delete-quota"]);
  await expectManagedRow(page, "rate-limits-table", names.team, ["edit-rate-limit", "delete-rate-limit"]);

  await page.goto("/alerts");
  await expectManagedRow(page, "alert-rules-table", names.rule, ["edit-alert-rule", "delete-alert-rule"]);

  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/teams");
  await expect(row(page, "teams-table", names.team).getByTestId("managed-badge")).toBeVisible();
  await page.screenshot({ path: shots("config-file-teams-390"), fullPage: true });
  await page.setViewportSize({ width: 1440, height: 900 });

  // The API behind the console refuses too, saying where to change it.
  const teamId = (await (await page.request.get(`/api/admin/teams?q=${names.team}`, { headers: { authorization: `Bearer ${E2E.adminApiKey}` } })).json()).data[0].id as string;
  const refused = await page.request.patch(`/api/admin/teams/${teamId}`, { headers: { authorization: `Bearer ${E2E.adminApiKey}` }, data: { name: `${names.team}-renamed` } });
  expect(refused.status()).toBe(409);
  expect((await refused.json()).error).toMatchObject({ code: "managed_by_config_file" });

  // A file without them: they stay as they are, and are the console's again.
  expect(applyFile("teams: []\n")).toContain(`? team ${names.team}`);
  await page.goto("/teams");
  const released = row(page, "teams-table", names.team);
  await expect(released.getByTestId("edit-team")).toBeEnabled();
  await expect(released.getByTestId("managed-badge")).toHaveCount(0);
});
