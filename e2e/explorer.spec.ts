// The call log end to end: a developer's key makes calls (one answered with body capture on, one
// refused by a quota); the admin filters the log to refusals, opens a call's drawer, then finds the
// captured call with its redacted bodies; the developer sees their own refusal. Screenshots at
// 1440 px and 390 px.
import { expect, test, type Page } from "@playwright/test";
import { E2E } from "../playwright.config";
import { adminApi, signInAs } from "./support/console-helpers";

const suffix = Date.now().toString(36);
const modelName = `explorer-model-${suffix}`;
const developer = { email: `explorer-dev-${suffix}@e2e.test`, name: `Explorer Dev ${suffix}`, password: "explorer-dev-password-1" };
const shots = (name: string) => `test-results/screenshots/${name}.png`;
let key: { id: string; key: string; name: string; prefix: string };
const ids: { answered?: string; refused?: string } = {};

async function call(page: Page, content: string) {
  const response = await page.request.post("/v1/chat/completions", {
    headers: { authorization: `Bearer ${key.key}` },
    data: { model: modelName, messages: [{ role: "user", content }] },
  });
  return { status: response.status(), requestId: response.headers()["x-request-id"] };
}

test.beforeAll(async ({ browser }) => {
  const page = await browser.newPage();
  const provider = await adminApi<{ id: string }>(page, "POST", "/api/admin/providers", {
    name: `explorer-fake-${suffix}`, kind: "openai-compatible", baseUrl: `${E2E.upstreamURL}/v1`, apiKey: E2E.upstreamKey,
  });
  await adminApi(page, "POST", "/api/admin/models", { name: modelName, providerId: provider.id, upstreamModel: "fake-gpt", inputPricePerMTok: 1, outputPricePerMTok: 2 });
  const user = await adminApi<{ id: string }>(page, "POST", "/api/admin/users", { ...developer, role: "developer", tier: "enterprise" });
  key = await adminApi(page, "POST", "/api/admin/keys", { userId: user.id, name: `explorer-key-${suffix}` });
  await adminApi(page, "PUT", "/api/admin/quotas", { scope: "key", scopeId: key.id, period: "daily", maxCalls: 1 });
  await adminApi(page, "PUT", "/api/admin/capture-settings", { scope: "key", scopeId: key.id, retentionHours: 24 });

  const answered = await call(page, "my provider key is sk-proj-abcdefghijklmnopqrstuvwx, keep it safe");
  expect(answered.status).toBe(200);
  const refused = await call(page, "this one is over the quota");
  expect(refused.status).toBe(429);
  ids.answered = answered.requestId;
  ids.refused = refused.requestId;
  await expect
    .poll(async () => (await adminApi<{ total: number }>(page, "GET", `/api/admin/usage?keyId=${key.id}`)).total, { timeout: 15_000 })
    .toBe(2);
  await page.close();
});

test("filter the log to refused calls and open a call's drawer", async ({ page }) => {
  await page.goto("/usage");
  await expect(page.getByTestId("usage-table")).toBeVisible();
  await page.getByLabel("Key").selectOption({ label: `${key.name} (${key.prefix}…)` });
  await page.getByLabel("Status").selectOption("refused");
  const rows = page.getByTestId("usage-row");
  await expect(rows).toHaveCount(1);
  await expect(rows.first().getByTestId("usage-status")).toContainText("Refused · Quota exhausted");
  await expect(page.getByTestId("usage-total-refused")).toHaveText("1");
  await page.screenshot({ path: shots("explorer-refused-1440"), fullPage: true });

  await rows.first().getByTestId("usage-open").click();
  const drawer = page.getByTestId("usage-drawer");
  await expect(drawer).toBeVisible();
  await expect(drawer.getByRole("heading", { name: "Call details" })).toBeVisible();
  await expect(drawer.getByTestId("usage-drawer-request-id")).toHaveText(ids.refused!);
  await expect(drawer.getByTestId("usage-detail-refusal")).toContainText("Quota exhausted");
  await expect(drawer.getByTestId("usage-detail-cost")).toContainText("$0.00");
  await page.screenshot({ path: shots("explorer-drawer-refused-1440") });
  await page.keyboard.press("Escape");
  await expect(drawer).toBeHidden();

  // The captured call: its badge in the log, its redacted bodies in the drawer.
  await page.getByLabel("Status").selectOption("ok");
  await expect(rows).toHaveCount(1);
  await expect(rows.first().getByTestId("usage-captured")).toBeVisible();
  await rows.first().getByTestId("usage-open").click();
  await expect(drawer.getByTestId("usage-drawer-capture-badge")).toBeVisible();
  const request = drawer.getByTestId("usage-captured-request");
  await expect(request).toContainText("[REDACTED]");
  await expect(request).not.toContainText("sk-proj-abcdefghijklmnopqrstuvwx");
  await expect(drawer.getByTestId("usage-captured-response")).toContainText("chat.completion");
  await page.screenshot({ path: shots("explorer-drawer-captured-1440") });
  await drawer.getByRole("button", { name: "Close details" }).click();

  // Looking a call up by its request id.
  await page.getByLabel("Status").selectOption("");
  await page.getByLabel("Request id").fill(ids.refused!);
  await page.getByRole("button", { name: "Find" }).click();
  await expect(rows).toHaveCount(1);
  await expect(rows.first().getByTestId("usage-status")).toContainText("Refused");
});

test("the log and its drawer fit a phone", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/usage");
  await page.getByLabel("Status").selectOption("refused");
  await expect(page.getByTestId("usage-row").first()).toBeVisible();
  await page.screenshot({ path: shots("explorer-refused-390"), fullPage: true });
  await page.getByTestId("usage-row").first().getByTestId("usage-open").click();
  const drawer = page.getByTestId("usage-drawer");
  await expect(drawer.getByTestId("usage-detail-status")).toBeVisible();
  const box = await drawer.boundingBox();
  expect(box!.width).toBeLessThanOrEqual(390);
  await page.screenshot({ path: shots("explorer-drawer-390") });
});

test("a developer sees their own refused call", async ({ browser }) => {
  const dev = await signInAs(browser, developer);
  await dev.goto("/usage");
  await dev.getByLabel("Status").selectOption("refused");
  const rows = dev.getByTestId("usage-row");
  await expect(rows).toHaveCount(1);
  await expect(rows.first().getByTestId("usage-status")).toContainText("Quota exhausted");
  await rows.first().getByTestId("usage-open").click();
  await expect(dev.getByTestId("usage-drawer").getByTestId("usage-drawer-request-id")).toHaveText(ids.refused!);
  await dev.screenshot({ path: shots("explorer-developer-1440") });
  await dev.context().close();
});
