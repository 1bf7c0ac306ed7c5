// Routing end to end, as issue 16 tells it: an admin adds a second deployment to a model in the
// console's routing dialog; the first deployment starts failing (a fault gate in front of the fake
// upstream answers 503); calls keep answering from the second one (x-tollgate headers, the call
// drawer's attempts, the playground), and the Health page shows the first one ejected, with the
// ejection in its history; an admin restores it there at once, and a slow call shows in flight.
// Screenshots at desktop and phone widths (test-results/screenshots/routing-*.png).
import { expect, test } from "@playwright/test";
import { E2E } from "../playwright.config";
import { startFaultGate, type FaultGate } from "./fake-upstream/fault-gate";
import { adminApi } from "./support/console-helpers";

const suffix = Date.now().toString(36);
const modelName = `routed-${suffix}`;
const primaryName = `routing-primary-${suffix}`;
const backupName = `routing-backup-${suffix}`;
const keyName = `routing-key-${suffix}`;
const shots = (name: string) => `test-results/screenshots/${name}.png`;

let primaryGate: FaultGate;
let backupGate: FaultGate;
let key: { id: string; key: string; prefix: string };

test.beforeAll(async ({ browser }) => {
  // Two "upstream instances" of the same fake: one deployment each.
  primaryGate = await startFaultGate({ target: E2E.upstreamURL });
  backupGate = await startFaultGate({ target: E2E.upstreamURL });
  const page = await browser.newPage();
  const primary = await adminApi<{ id: string }>(page, "POST", "/api/admin/providers", { name: primaryName, kind: "openai-compatible", baseUrl: `${primaryGate.url}/v1`, apiKey: E2E.upstreamKey });
  await adminApi(page, "POST", "/api/admin/providers", { name: backupName, kind: "openai-compatible", baseUrl: `${backupGate.url}/v1`, apiKey: E2E.upstreamKey });
  await adminApi(page, "POST", "/api/admin/models", { name: modelName, providerId: primary.id, upstreamModel: "fake-gpt", inputPricePerMTok: 1, outputPricePerMTok: 2 });
  const users = await adminApi<{ data: { id: string; email: string }[] }>(page, "GET", "/api/admin/users?pageSize=500");
  const admin = users.data.find((user) => user.email === E2E.adminEmail)!;
  key = await adminApi(page, "POST", "/api/admin/keys", { userId: admin.id, name: keyName });
  await page.close();
});

// The specs share one database: the model goes, so later specs never route to a gate that is gone.
test.afterAll(async ({ browser }) => {
  const page = await browser.newPage();
  const models = await adminApi<{ data: { id: string; name: string }[] }>(page, "GET", `/api/admin/models?q=${modelName}&pageSize=500`);
  const model = models.data.find((m) => m.name === modelName);
  if (model) await adminApi(page, "DELETE", `/api/admin/models/${model.id}`);
  await page.close();
  await Promise.all([primaryGate?.close(), backupGate?.close()]);
});

test("add a second deployment, the first fails: calls are served by the second and the Health page shows the first ejected", async ({ page }) => {
  // 1. The routing dialog: the model's one deployment, then a second one on the backup provider.
  await page.goto("/models");
  const row = page.getByTestId("model-row").filter({ hasText: modelName });
  await row.getByTestId("model-routing").click();
  const dialog = page.getByTestId("routing-form");
  const deployments = dialog.getByTestId("deployment-fields");
  await expect(deployments).toHaveCount(1);
  await expect(deployments.first().getByTestId("deployment-provider").locator("option:checked")).toHaveText(primaryName);
  await expect(dialog.getByTestId("routing-strategy")).toHaveValue("priority");
  await dialog.getByTestId("add-deployment").click();
  await expect(deployments).toHaveCount(2);
  const second = deployments.nth(1);
  await second.getByTestId("deployment-provider").selectOption({ label: backupName });
  await expect(second.getByTestId("deployment-upstream")).toHaveValue("fake-gpt");
  // A mistake first: the form names it next to the field, in plain words.
  await second.getByTestId("deployment-priority").fill("-1");
  await dialog.getByTestId("routing-form-submit").click();
  await expect(second.getByText("Priority must be 0 or more")).toBeVisible();
  await second.getByTestId("deployment-priority").fill("1");
  await page.screenshot({ path: shots("routing-dialog-1440"), fullPage: true });
  await dialog.getByTestId("routing-form-submit").click();
  await expect(page.getByTestId("toast")).toContainText(`Routing of ${modelName} saved`);
  await expect(dialog).toBeHidden();

  const model = (await adminApi<{ data: { id: string; name: string }[] }>(page, "GET", `/api/admin/models?q=${modelName}`)).data.find((m) => m.name === modelName)!;
  const routing = await adminApi<{ deployments: { id: string; providerName: string; priority: number }[] }>(page, "GET", `/api/admin/models/${model.id}/routing`);
  expect(routing.deployments.map((d) => [d.providerName, d.priority])).toEqual([
    [primaryName, 0],
    [backupName, 1],
  ]);
  const [primaryDeployment, backupDeployment] = routing.deployments;

  // 2. The primary starts failing: every call is retried on the backup, until the breaker ejects the primary.
  primaryGate.set({ status: 503 });
  const served: { attempts: string; provider: string; requestId: string }[] = [];
  for (let i = 0; i < 7; i += 1) {
    const response = await page.request.post("/v1/chat/completions", {
      headers: { authorization: `Bearer ${key.key}` },
      data: { model: modelName, messages: [{ role: "user", content: `routed call ${i} ${suffix}` }] },
    });
    expect(response.status(), await response.text()).toBe(200);
    const headers = response.headers();
    served.push({ attempts: headers["x-tollgate-attempts"], provider: headers["x-tollgate-provider"], requestId: headers["x-request-id"] });
    expect(headers["x-tollgate-deployment"]).toBe(backupDeployment.id);
  }
  expect(served.every((s) => s.provider === backupName)).toBe(true);
  expect(served[0].attempts).toBe("2");
  // Five consecutive failures eject it (ROUTING_EJECT_CONSECUTIVE_FAILURES): the last calls go straight to the backup.
  expect(served.at(-1)!.attempts).toBe("1");
  const primaryCalls = primaryGate.requests;
  expect(primaryCalls).toBe(5);

  // 4. The Health page: the primary ejected (until when), the backup healthy, the ejection in the history.
  await page.goto("/health");
  const primaryRow = page.locator(`[data-testid="health-row"][data-deployment-id="${primaryDeployment.id}"]`);
  const backupRow = page.locator(`[data-testid="health-row"][data-deployment-id="${backupDeployment.id}"]`);
  await expect(primaryRow.getByTestId("health-state")).toHaveText("ejected");
  await expect(primaryRow.getByTestId("health-ejected-until")).toContainText("until");
  await expect(primaryRow.getByTestId("health-calls")).toHaveText("5");
  await expect(primaryRow.getByTestId("health-error-rate")).toContainText("100");
  await expect(primaryRow.getByTestId("health-last-error")).toContainText("503");
  await expect(backupRow.getByTestId("health-state")).toHaveText("healthy");
  const ejection = page.locator(`[data-testid="ejection-row"][data-deployment-id="${primaryDeployment.id}"]`);
  await expect(ejection).toContainText("consecutive failures");
  await expect(page.getByTestId("health-summary-ejected")).toBeVisible();
  await page.screenshot({ path: shots("routing-health-1440"), fullPage: true });

  // 5. The call log's drawer lists both attempts of the first call.
  await page.goto("/usage");
  await page.getByLabel("Key").selectOption({ label: `${keyName} (${key.prefix}…)` });
  const rows = page.getByTestId("usage-row");
  await expect(rows).toHaveCount(7);
  await rows.last().getByTestId("usage-open").click();
  const drawer = page.getByTestId("usage-drawer");
  await expect(drawer.getByTestId("usage-drawer-request-id")).toHaveText(served[0].requestId);
  const attempts = drawer.getByTestId("usage-detail-attempts");
  await expect(attempts).toContainText(primaryName);
  await expect(attempts).toContainText("503");
  await expect(attempts).toContainText(backupName);
  await page.screenshot({ path: shots("routing-drawer-1440") });
  await page.keyboard.press("Escape");

  // 6. Drain the backup from the Health page, then activate it again.
  await page.goto("/health");
  await backupRow.getByTestId("health-draining").click();
  await expect(page.getByTestId("toast")).toContainText("is draining");
  await expect(backupRow.getByTestId("health-state")).toHaveText("draining");
  await backupRow.getByTestId("health-active").click();
  await expect(backupRow.getByTestId("health-state")).toHaveText("healthy");

  // 7. Phone width: one card per deployment, and the routing dialog.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.reload();
  const card = page.locator(`[data-testid="health-card"][data-deployment-id="${primaryDeployment.id}"]`);
  await expect(card.getByTestId("health-state")).toHaveText(/ejected|half-open/);
  await page.screenshot({ path: shots("routing-health-390"), fullPage: true });
  await page.goto("/models");
  await page.getByTestId("model-row").filter({ hasText: modelName }).getByTestId("model-routing").click();
  await expect(page.getByTestId("routing-form").getByTestId("deployment-fields")).toHaveCount(2);
  await page.screenshot({ path: shots("routing-dialog-390") });
  // 8. The playground keeps answering, from the backup.
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto("/playground");
  await page.getByTestId("playground-model").selectOption(modelName);
  await page.getByTestId("chat-input").fill(`Still there ${suffix}?`);
  await page.getByTestId("send-button").click();
  const answer = page.getByTestId("chat-message").filter({ has: page.getByTestId("assistant-content") }).last();
  await expect(answer.getByTestId("assistant-content")).toContainText(`Still there ${suffix}?`);
  await expect(answer.getByTestId("meta-provider")).toHaveText(backupName);
  // No completion reached the ejected primary (the playground's models list may be read there: free GETs).
  expect(primaryGate.log.slice(primaryCalls).filter((line) => !line.startsWith("GET "))).toEqual([]);

  // 9. The primary is fixed: an admin restores it from the Health page instead of waiting out the cool-down.
  primaryGate.clear();
  await page.goto("/health");
  await expect(primaryRow.getByTestId("health-state")).toHaveText(/ejected|half-open/);
  await primaryRow.getByTestId("health-restore").click();
  await expect(page.getByTestId("toast")).toContainText(`${primaryName} / fake-gpt of ${modelName} is back`);
  await expect(primaryRow.getByTestId("health-state")).toHaveText("healthy");
  await expect(primaryRow.getByTestId("health-restore")).toHaveCount(0);
  const restoredCall = await page.request.post("/v1/chat/completions", {
    headers: { authorization: `Bearer ${key.key}` },
    data: { model: modelName, messages: [{ role: "user", content: `after the restore ${suffix}` }] },
  });
  expect(restoredCall.status()).toBe(200);
  expect(restoredCall.headers()["x-tollgate-deployment"]).toBe(primaryDeployment.id);
  expect(restoredCall.headers()["x-tollgate-attempts"]).toBe("1");

  // 10. A slow call shows in flight on its deployment while it runs (the page re-reads every 5 s).
  primaryGate.set({ latencyMs: 8_000 });
  const slow = page.request.post("/v1/chat/completions", {
    headers: { authorization: `Bearer ${key.key}` },
    data: { model: modelName, messages: [{ role: "user", content: `slow call ${suffix}` }] },
  });
  await expect(primaryRow.getByTestId("health-in-flight")).toHaveText("1", { timeout: 7_000 });
  await expect(backupRow.getByTestId("health-in-flight")).toHaveText("0");
  await page.screenshot({ path: shots("routing-health-restored-1440"), fullPage: true });
  expect((await slow).status()).toBe(200);
  await expect(primaryRow.getByTestId("health-in-flight")).toHaveText("0", { timeout: 7_000 });
});
