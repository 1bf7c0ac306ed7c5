// Quotas end to end: an admin sets a daily quota on a developer in the console, the developer uses
// it up in the playground and reads the refusal there, and the console shows the quota used up.
// Then rate limits and the tier defaults are edited in the same page.
import { expect, test } from "@playwright/test";
import { E2E } from "../playwright.config";
import { adminApi, signInAs } from "./support/console-helpers";

const suffix = Date.now().toString(36);
const modelName = `quota-model-${suffix}`;
const developer = { email: `quota-dev-${suffix}@e2e.test`, name: `Quota Dev ${suffix}`, password: "quota-dev-password-1" };
const shots = (name: string) => `test-results/screenshots/${name}.png`;

test.beforeAll(async ({ browser }) => {
  const page = await browser.newPage();
  const provider = await adminApi<{ id: string }>(page, "POST", "/api/admin/providers", {
    name: `quota-fake-${suffix}`, kind: "openai-compatible", baseUrl: `${E2E.upstreamURL}/v1`, apiKey: E2E.upstreamKey,
  });
  await adminApi(page, "POST", "/api/admin/models", { name: modelName, providerId: provider.id, upstreamModel: "fake-gpt", inputPricePerMTok: 1, outputPricePerMTok: 2 });
  await adminApi(page, "POST", "/api/admin/users", { ...developer, role: "developer", tier: "free" });
  await page.close();
});

test("a quota set in the console stops the playground, with the refusal shown there", async ({ page, browser }) => {
  await page.goto("/quotas");
  await expect(page.getByTestId("tier-quotas-table")).toContainText("free");
  await expect(page.getByTestId("quota-status")).toContainText("Usage against quotas");
  await page.screenshot({ path: shots("quotas-page"), fullPage: true });

  await page.getByTestId("create-quota").click();
  const form = page.getByTestId("quota-form");
  await form.getByLabel("Scope").selectOption("user");
  await form.getByTestId("quota-target").selectOption({ label: `${developer.name} — ${developer.email}` });
  await form.getByLabel("Period").selectOption("daily");
  await form.getByLabel("Max calls").fill("1");
  await page.screenshot({ path: shots("quotas-editor") });
  await page.getByTestId("quota-form-submit").click();
  await expect(page.getByTestId("quotas-table")).toContainText(developer.email);

  const dev = await signInAs(browser, developer);
  await dev.goto("/playground");
  await dev.getByTestId("playground-model").selectOption(modelName);
  await dev.getByTestId("chat-input").fill("first call within the quota");
  await dev.getByTestId("send-button").click();
  await expect(dev.getByTestId("assistant-content").last()).toContainText("first call within the quota");
  await expect(dev.getByTestId("meta-request-id").last()).toContainText("req_");
  await dev.getByTestId("chat-input").fill("second call over the quota");
  await dev.getByTestId("send-button").click();
  const refusal = dev.getByTestId("chat-error").last();
  await expect(refusal).toContainText("Quota exceeded");
  await expect(refusal).toContainText("daily calls limit");
  // Whose limit by name (the user, not their id) and the reset as a wall-clock time with the time left.
  await expect(refusal).toContainText(`daily calls limit of user “${developer.name}”`);
  await expect(refusal).toContainText(/It resets (at|on \d{1,2} \w{3} \d{4} at) \d\d:\d\d \S+ \(in [^)]+\)\./);
  await dev.screenshot({ path: shots("quotas-playground-refused"), fullPage: true });
  await dev.context().close();

  await page.reload();
  await page.getByTestId("quota-row").filter({ hasText: developer.email }).getByTestId("show-quota").click();
  const bars = page.getByTestId("quota-status");
  await expect(bars).toContainText(developer.email);
  await expect(bars.getByTestId("usage-bar").filter({ hasText: "Daily calls" })).toContainText("1 call of 1 call");
  await expect(bars.getByTestId("usage-bar").filter({ hasText: "Daily calls" })).toContainText("0 calls left");
  await page.screenshot({ path: shots("quotas-status"), fullPage: true });
});

test("rate limits and tier defaults are edited on the same page", async ({ page }) => {
  await page.goto("/quotas");
  await page.getByTestId("create-rate-limit").click();
  const form = page.getByTestId("rate-limit-form");
  await form.getByLabel("Scope").selectOption("user");
  await form.getByTestId("rate-limit-target").selectOption({ label: `${developer.name} — ${developer.email}` });
  await page.getByTestId("rate-limit-form-submit").click();
  await expect(form.getByTestId("form-error").or(form.getByTestId("rate-limit-rpm-error"))).toContainText("at least one limit");
  await form.getByLabel("Requests / minute").fill("30");
  await form.getByLabel("Tokens / minute").fill("40000");
  await page.getByTestId("rate-limit-form-submit").click();
  const row = page.getByTestId("rate-limit-row").filter({ hasText: developer.email });
  await expect(row).toContainText("30");
  await expect(row).toContainText("40,000");

  const freeMonthly = page.getByTestId("tier-quota-row").filter({ hasText: "free" }).filter({ hasText: "Monthly" });
  await freeMonthly.getByTestId("edit-tier-quota").click();
  const editor = page.getByTestId("quota-form");
  await expect(editor.getByLabel("Scope")).toBeDisabled();
  await editor.getByLabel("Max cost ($)").fill("25");
  await page.getByTestId("quota-form-submit").click();
  await expect(freeMonthly).toContainText("$25.00");
  await row.scrollIntoViewIfNeeded();
  await page.screenshot({ path: shots("quotas-limits"), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: shots("quotas-limits-1280"), fullPage: true });
});
