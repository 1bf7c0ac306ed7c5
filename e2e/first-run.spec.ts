// First run and spend, end to end: with no callable model the dashboard shows the setup checklist;
// "Test connection" on the providers page reports a wrong key in words, then a working one with its
// models; attaching a model ticks the checklist. Then a key's calls show up as spend and calls this
// month on the keys, users and teams lists and among the dashboard's top spenders, and "last 24
// hours" is charted per hour with time to first token. Screenshots at 1440 px and 390 px.
import { expect, test, type Page } from "@playwright/test";
import { E2E } from "../playwright.config";
import { adminApi } from "./support/console-helpers";

const suffix = Date.now().toString(36);
const providerName = `first-run-provider-${suffix}`;
const modelName = `first-run-model-${suffix}`;
const teamName = `First run team ${suffix}`;
const developer = { email: `first-run-${suffix}@e2e.test`, name: `First Run ${suffix}`, password: "first-run-password-1" };
const shots = (name: string) => `test-results/screenshots/${name}.png`;

type Listed = { data: { id: string; name: string }[] };
/** Models earlier specs made callable: disabled while the checklist is checked, enabled again after. */
const disabled: string[] = [];
let providerId: string;

async function atPhoneWidth(page: Page, name: string) {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: shots(`${name}-390`), fullPage: true });
  await page.setViewportSize({ width: 1440, height: 900 });
}

test.beforeAll(async ({ browser }) => {
  const page = await browser.newPage();
  const callable = await adminApi<Listed>(page, "GET", "/api/admin/playground/models");
  for (const model of callable.data) {
    await adminApi(page, "PATCH", `/api/admin/models/${model.id}`, { enabled: false });
    disabled.push(model.id);
  }
  // A wrong key first: the test must say so.
  providerId = (await adminApi<{ id: string }>(page, "POST", "/api/admin/providers", { name: providerName, kind: "openai-compatible", baseUrl: `${E2E.upstreamURL}/v1`, apiKey: "sk-not-the-right-key-0123456789" })).id;
  await page.close();
});

test.afterAll(async ({ browser }) => {
  const page = await browser.newPage();
  for (const id of disabled) await adminApi(page, "PATCH", `/api/admin/models/${id}`, { enabled: true });
  await page.close();
});

test("first run: the checklist, test connection on the providers page, a model attached", async ({ page }) => {
  await page.goto("/dashboard");
  const checklist = page.getByTestId("first-run");
  await expect(checklist).toBeVisible();
  await expect(checklist).toContainText("Set up the gateway");
  await expect(page.getByTestId("first-run-provider")).toHaveAttribute("data-done", "true");
  await expect(page.getByTestId("first-run-model")).not.toHaveAttribute("data-done", "true");
  await expect(checklist.getByRole("link", { name: "Models" })).toBeVisible();
  await page.screenshot({ path: shots("first-run-checklist-1440"), fullPage: true });
  await atPhoneWidth(page, "first-run-checklist");

  // Test connection: the wrong key, in words and without the key.
  await page.goto("/providers");
  const row = page.getByTestId("provider-row").filter({ hasText: providerName });
  await expect(row.getByText("Not tested yet")).toBeVisible();
  await row.getByTestId("test-provider").click();
  await expect(row.getByTestId("provider-connection")).toContainText("failed · 401");
  await expect(row.getByTestId("provider-connection-error")).toContainText("check the API key");
  await expect(row).not.toContainText("sk-not-the-right-key");
  await page.screenshot({ path: shots("first-run-test-failed-1440"), fullPage: true });

  // The right key: connected, with the models the provider listed.
  await adminApi(page, "PATCH", `/api/admin/providers/${providerId}`, { apiKey: E2E.upstreamKey });
  await page.reload();
  await row.getByTestId("test-provider").click();
  await expect(row.getByTestId("provider-connection")).toContainText("connected");
  await expect(row.getByTestId("provider-connection")).toContainText("3 models");
  await expect(row.getByTestId("provider-connection-error")).toHaveCount(0);
  await page.screenshot({ path: shots("first-run-test-ok-1440"), fullPage: true });
  await atPhoneWidth(page, "first-run-providers");

  // A seeded price-list row without a provider does not look enabled.
  await page.goto("/models");
  await expect(page.getByTestId("model-not-callable").first()).toBeVisible();

  // Attach a model: the checklist's model step is done (or, with usage in the range, it is gone).
  await adminApi(page, "POST", "/api/admin/models", { name: modelName, providerId, upstreamModel: "fake-gpt", inputPricePerMTok: 100, outputPricePerMTok: 200 });
  await page.goto("/dashboard");
  await expect(page.getByTestId("first-run-model").and(page.locator("[data-done]")).or(page.getByTestId("chart-calls"))).toBeVisible();
  if (await checklist.isVisible()) {
    await expect(checklist).toContainText("Make your first call");
    await expect(page.getByTestId("first-run-curl")).toContainText(`"model": "${modelName}"`);
    await expect(page.getByTestId("first-run-openai")).toContainText(`base_url="${E2E.baseURL}/v1"`);
    await page.screenshot({ path: shots("first-run-first-call-1440"), fullPage: true });
  }
});

test("spend this month on the lists, top spenders and hourly charts on the dashboard", async ({ page }) => {
  const team = await adminApi<{ id: string }>(page, "POST", "/api/admin/teams", { name: teamName });
  const user = await adminApi<{ id: string }>(page, "POST", "/api/admin/users", { ...developer, role: "developer", tier: "enterprise", teamId: team.id });
  const key = await adminApi<{ id: string; key: string; name: string }>(page, "POST", "/api/admin/keys", { userId: user.id, name: `first-run-key-${suffix}` });
  // Three calls, one of them streamed (time to first token).
  for (const stream of [false, false, true]) {
    const response = await page.request.post("/v1/chat/completions", {
      headers: { authorization: `Bearer ${key.key}` },
      data: { model: modelName, stream, messages: [{ role: "user", content: `spend ${suffix} `.repeat(50) }] },
    });
    expect(response.status()).toBe(200);
    await response.body();
  }
  await expect
    .poll(async () => (await adminApi<{ data: { calls: number }[] }>(page, "GET", `/api/admin/usage/spend?by=key&ids=${key.id}`)).data[0]?.calls ?? 0, { timeout: 15_000 })
    .toBe(3);

  await page.goto("/keys");
  const keyRow = page.getByTestId("key-row").filter({ hasText: key.name });
  await expect(keyRow.getByTestId("month-calls")).toHaveText("3");
  await expect(keyRow.getByTestId("month-cost")).not.toHaveText("$0.00");
  await page.screenshot({ path: shots("spend-keys-1440"), fullPage: true });

  await page.goto("/users");
  const userRow = page.getByTestId("user-row").filter({ hasText: developer.email });
  await expect(userRow.getByTestId("month-calls")).toHaveText("3");
  await page.goto("/teams");
  const teamRow = page.getByTestId("team-row").filter({ hasText: teamName });
  await expect(teamRow.getByTestId("month-calls")).toHaveText("3");
  await page.screenshot({ path: shots("spend-teams-1440"), fullPage: true });

  await page.goto("/dashboard");
  const spenders = page.getByTestId("top-spenders");
  await spenders.getByTestId("top-spenders-key").click();
  await expect(spenders.getByTestId("top-spender").first()).toBeVisible();
  // Last 24 hours: one bar per hour, not the two UTC days it touches.
  await page.getByTestId("date-range-select").selectOption("24h");
  await expect(page.locator("[data-interval]")).toHaveAttribute("data-interval", "hour");
  await expect(page.getByTestId("chart-calls")).toContainText("Calls per hour");
  await expect(page.getByTestId("chart-ttft").locator(".recharts-line")).not.toHaveCount(0);
  await expect(page.getByTestId("chart-cache-hit-rate")).toBeVisible();
  // No errors: the error-rate axis tops out at 5 %, not 400 %.
  await expect(page.getByTestId("chart-error-rate")).not.toContainText("400%");
  await page.screenshot({ path: shots("spend-dashboard-24h-1440"), fullPage: true });
  await atPhoneWidth(page, "spend-dashboard-24h");
});

test("seeded models without a provider are attached in bulk: ticked or all at once, one provider, callable after", async ({ page }) => {
  // Two price-list rows of this run without a provider (like the seeded ones), and one the configuration file manages is never offered.
  const names = [`bulk-a-${suffix}`, `bulk-b-${suffix}`];
  const created = [];
  for (const name of names) created.push(await adminApi<{ id: string }>(page, "POST", "/api/admin/models", { name, providerId: null, upstreamModel: "fake-gpt", inputPricePerMTok: 1, outputPricePerMTok: 2 }));

  await page.goto("/models");
  const bar = page.getByTestId("bulk-attach-bar");
  await expect(bar.getByTestId("bulk-attach-count")).toContainText("not callable: no provider yet");
  // "Select all" ticks every not-callable row; clearing unticks them.
  await bar.getByTestId("bulk-select-all").click();
  await expect(bar.getByTestId("bulk-attach-count")).toContainText(/^(\d+) of \1 not callable models selected\.$/);
  await expect(page.getByTestId("select-all-attachable")).toBeChecked();
  await bar.getByTestId("bulk-clear").click();
  await expect(page.getByTestId("select-model").first()).not.toBeChecked();

  for (const name of names) await page.getByTestId("model-row").filter({ hasText: name }).getByTestId("select-model").check();
  await expect(bar.getByTestId("bulk-attach-count")).toContainText(/^2 of \d+ not callable models selected\.$/);
  await page.screenshot({ path: shots("first-run-bulk-select-1440") });
  await bar.getByTestId("bulk-attach").click();
  const form = page.getByTestId("bulk-attach-form");
  await expect(form.getByTestId("bulk-attach-models")).toContainText(names[0]);
  await expect(form.getByTestId("bulk-attach-models")).toContainText(names[1]);
  // No provider chosen: said in words, nothing attached.
  await page.getByTestId("bulk-attach-form-submit").click();
  await expect(form.getByTestId("bulk-attach-provider-error")).toHaveText("Provider is required");
  await form.getByTestId("bulk-attach-provider").selectOption({ label: providerName });
  await page.screenshot({ path: shots("first-run-bulk-attach-1440") });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: shots("first-run-bulk-attach-390") });
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.getByTestId("bulk-attach-form-submit").click();
  await expect(page.getByTestId("toast")).toContainText(`2 models now served by ${providerName}`);

  for (const name of names) {
    const row = page.getByTestId("model-row").filter({ hasText: name });
    await expect(row).toContainText(providerName);
    await expect(row.getByTestId("model-not-callable")).toHaveCount(0);
    await expect(row.getByTestId("select-model")).toHaveCount(0);
  }
  const callable = await adminApi<Listed>(page, "GET", "/api/admin/playground/models");
  expect(callable.data.map((m) => m.name)).toEqual(expect.arrayContaining(names));
  await atPhoneWidth(page, "first-run-bulk-attached");

  // Each attachment is in the audit log, under the model it changed.
  for (const model of created) {
    const audit = await adminApi<{ data: { action: string; targetId: string }[] }>(page, "GET", `/api/admin/audit-log?action=model.update&targetId=${model.id}`);
    expect(audit.data).toHaveLength(1);
  }
});
