// The foundation's end-to-end path: an admin creates a user and a key in the console, chats in the
// playground through the fake upstream, and finds the call in the usage table and on the dashboard.
// The key made in the console is then used by an app (plain HTTP) against the proxy.
import { expect, test } from "@playwright/test";
import { E2E } from "../playwright.config";
import { adminApi } from "./support/console-helpers";

const suffix = Date.now().toString(36);
const modelName = `e2e-model-${suffix}`;
const shots = (name: string) => `test-results/screenshots/${name}.png`;

test.beforeAll(async ({ browser }) => {
  const page = await browser.newPage();
  const provider = await adminApi<{ id: string }>(page, "POST", "/api/admin/providers", {
    name: `fake-${suffix}`, kind: "openai-compatible", baseUrl: `${E2E.upstreamURL}/v1`, apiKey: E2E.upstreamKey,
  });
  await adminApi(page, "POST", "/api/admin/models", {
    name: modelName, providerId: provider.id, upstreamModel: "fake-gpt", inputPricePerMTok: 1, outputPricePerMTok: 2,
  });
  await page.close();
});

test("create a user and a key, chat in the playground, see the call in usage and on the dashboard", async ({ page }) => {
  const email = `dev-${suffix}@e2e.test`;

  await page.goto("/users");
  await page.getByTestId("create-user").click();
  const userForm = page.getByTestId("user-form");
  await userForm.getByLabel("Name").fill("E2E Developer");
  await userForm.getByLabel("Email").fill(email);
  await userForm.getByLabel("Role").selectOption("developer");
  await page.getByTestId("user-form-submit").click();
  await expect(page.getByTestId("users-table")).toContainText(email);
  await page.screenshot({ path: shots("users"), fullPage: true });

  await page.goto("/keys");
  await page.getByTestId("create-key").click();
  const keyDialog = page.getByTestId("create-key-dialog");
  await expect(keyDialog.locator("option", { hasText: email })).toHaveCount(1);
  await keyDialog.getByLabel("Owner").selectOption({ label: `E2E Developer — ${email}` });
  await keyDialog.getByLabel("Name").fill(`e2e key ${suffix}`);
  await page.getByTestId("create-key-dialog-submit").click();
  await expect(page.getByTestId("created-key-value")).toHaveValue(/^tg-[0-9A-Za-z]{40}$/);
  const keyValue = await page.getByTestId("created-key-value").inputValue();
  await page.screenshot({ path: shots("key-created") });
  await page.getByTestId("key-created-done").click();
  await expect(page.getByTestId("keys-table")).toContainText(`e2e key ${suffix}`);

  // An app uses the key from the console against the proxy.
  const proxied = await page.request.post("/v1/chat/completions", {
    headers: { authorization: `Bearer ${keyValue}` },
    data: { model: modelName, messages: [{ role: "user", content: "from the app" }] },
  });
  expect(proxied.status()).toBe(200);
  expect((await proxied.json()).choices[0].message.content).toContain("from the app");

  await page.goto("/playground");
  await page.getByTestId("playground-model").selectOption(modelName);
  await page.getByTestId("chat-input").fill("Hello from the playground");
  await page.getByTestId("send-button").click();
  const answer = page.getByTestId("chat-message").filter({ has: page.getByTestId("assistant-content") }).last();
  await expect(answer.getByTestId("assistant-content")).toContainText("Hello from the playground");
  await expect(answer.getByTestId("meta-request-id")).toContainText("req_");
  await expect(answer.getByTestId("meta-tokens-in")).toContainText(/\d/);
  await expect(answer.getByTestId("meta-cost")).toContainText("$");
  await page.screenshot({ path: shots("playground"), fullPage: true });

  await page.goto("/usage");
  await expect
    .poll(async () => {
      await page.getByTestId("usage-refresh").click();
      return page.getByTestId("usage-row").filter({ hasText: modelName }).count();
    }, { timeout: 15_000 })
    .toBeGreaterThanOrEqual(2);
  await expect(page.getByTestId("usage-totals")).toBeVisible();
  await page.screenshot({ path: shots("usage"), fullPage: true });

  await page.goto("/dashboard");
  await expect
    .poll(async () => {
      await page.getByTestId("dashboard-refresh").click();
      return Number((await page.getByTestId("kpi-calls-value").textContent())?.replace(/[^0-9]/g, "") || 0);
    }, { timeout: 15_000 })
    .toBeGreaterThanOrEqual(2);
  await expect(page.getByTestId("chart-calls").locator(".recharts-bar-rectangle, .recharts-rectangle").first()).toBeVisible();
  await page.screenshot({ path: shots("dashboard"), fullPage: true });
});

test("the other console pages render with data", async ({ page }) => {
  await page.goto("/teams");
  await page.getByTestId("create-team").click();
  await page.getByTestId("team-form").getByLabel("Name").fill(`team-${suffix}`);
  await page.getByTestId("team-form-submit").click();
  await expect(page.getByTestId("teams-table")).toContainText(`team-${suffix}`);
  for (const name of ["providers", "models", "teams", "keys"]) {
    await page.goto(`/${name}`);
    await expect(page.getByTestId(`${name}-table`)).toBeVisible();
    await page.screenshot({ path: shots(name), fullPage: true });
  }
});
