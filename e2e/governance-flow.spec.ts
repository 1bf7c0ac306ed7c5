// Governance end to end, as the issue tells it: an admin sets a quota in the console, a developer
// exhausts it from the playground and reads the refusal, the quota alert fires (a webhook receiver
// started here gets the 50 % and 100 % alerts once each) and shows in the alert history, the audit
// log has the quota and the rule, and the billing page totals the calls that were admitted.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test, type Page } from "@playwright/test";
import { E2E } from "../playwright.config";
import { adminApi, signInAs } from "./support/console-helpers";

const suffix = Date.now().toString(36);
const modelName = `gov-model-${suffix}`;
const ruleName = `Gov quota ${suffix}`;
const developer = { email: `gov-dev-${suffix}@e2e.test`, name: `Gov Dev ${suffix}`, password: "gov-dev-password-1" };
const shots = (name: string) => `test-results/screenshots/${name}.png`;

let receiver: Server;
let receiverUrl: string;
const alerts: { type: string; threshold: number; rule: { name: string } }[] = [];
let developerId: string;

async function chat(page: Page, text: string): Promise<void> {
  await page.getByTestId("chat-input").fill(text);
  await page.getByTestId("send-button").click();
}

test.beforeAll(async ({ browser }) => {
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      alerts.push(JSON.parse(Buffer.concat(chunks).toString("utf8")));
      res.end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;

  const page = await browser.newPage();
  const provider = await adminApi<{ id: string }>(page, "POST", "/api/admin/providers", {
    name: `gov-fake-${suffix}`, kind: "openai-compatible", baseUrl: `${E2E.upstreamURL}/v1`, apiKey: E2E.upstreamKey,
  });
  await adminApi(page, "POST", "/api/admin/models", { name: modelName, providerId: provider.id, upstreamModel: "fake-gpt", inputPricePerMTok: 1, outputPricePerMTok: 2 });
  const team = await adminApi<{ id: string }>(page, "POST", "/api/admin/teams", { name: `gov-team-${suffix}` });
  developerId = (await adminApi<{ id: string }>(page, "POST", "/api/admin/users", { ...developer, role: "developer", tier: "free", teamId: team.id })).id;
  await page.close();
});

test.afterAll(() => {
  receiver?.close();
});

test("quota from the console, refusal in the playground, alert, audit entries and billing totals", async ({ page, browser }) => {
  // 1. The admin gives the developer 2 calls a day, in the console.
  await page.goto("/quotas");
  await page.getByTestId("create-quota").click();
  const form = page.getByTestId("quota-form");
  await form.getByLabel("Scope").selectOption("user");
  await form.getByTestId("quota-target").selectOption({ label: `${developer.name} — ${developer.email}` });
  await form.getByLabel("Period").selectOption("daily");
  await form.getByLabel("Max calls").fill("2");
  await page.getByTestId("quota-form-submit").click();
  await expect(page.getByTestId("quotas-table")).toContainText(developer.email);

  // …and a quota alert at 50 % and 100 % to a webhook (the rule editor itself is covered by alerts.spec.ts).
  await adminApi(page, "POST", "/api/admin/alert-rules", {
    name: ruleName, scope: "user", scopeId: developerId, metric: "quota_usage", thresholds: [0.5, 1], channels: [{ type: "webhook", url: receiverUrl }],
  });

  // 2. The developer uses the two calls up in the playground; the third is refused there.
  const dev = await signInAs(browser, developer);
  await dev.goto("/playground");
  await dev.getByTestId("playground-model").selectOption(modelName);
  for (const text of ["governed call one", "governed call two"]) {
    await chat(dev, text);
    await expect(dev.getByTestId("assistant-content").last()).toContainText(text);
  }
  await chat(dev, "governed call three");
  const refusal = dev.getByTestId("chat-error").last();
  await expect(refusal).toContainText("Quota exceeded");
  await expect(refusal).toContainText("daily calls limit");
  await dev.screenshot({ path: shots("governance-playground-refused"), fullPage: true });
  await dev.context().close();

  // 3. The alert fires once per threshold and shows in the history with its delivery.
  await expect.poll(() => alerts.filter((a) => a.rule.name === ruleName).map((a) => a.threshold).sort(), { timeout: 30_000 }).toEqual([0.5, 1]);
  expect(alerts.every((a) => a.type === "alert.fired")).toBe(true);
  await page.goto("/alerts");
  const history = page.getByTestId("alert-history");
  const fired = history.getByTestId("alert-history-row").filter({ hasText: ruleName });
  await expect(fired).toHaveCount(2);
  await expect(fired.first().getByTestId("alert-status")).toHaveText("Delivered");
  await page.screenshot({ path: shots("governance-alert-history"), fullPage: true });

  // 4. The audit log has the quota (made in the console) and the rule (made through the API).
  await page.goto("/audit");
  await page.getByTestId("audit-filter-action").fill("quota.create");
  await page.getByTestId("audit-filter-apply").click();
  const quotaEntry = page.getByTestId("audit-row").first();
  await expect(quotaEntry.getByTestId("audit-action")).toHaveText("quota.create");
  await expect(quotaEntry.getByTestId("audit-actor")).toHaveText(E2E.adminEmail);
  await page.getByTestId("audit-filter-action").fill("alert_rule.create");
  await page.getByTestId("audit-filter-apply").click();
  await expect(page.getByTestId("audit-row").first().getByTestId("audit-action")).toHaveText("alert_rule.create");
  await page.getByTestId("audit-row").first().getByTestId("audit-open").click();
  await expect(page.getByTestId("audit-diff-dialog")).toContainText(ruleName);
  await page.screenshot({ path: shots("governance-audit"), fullPage: true });

  // 5. Billing for the developer: the two admitted calls, not the refused one.
  await page.goto("/billing");
  await expect(page.getByTestId("billing-total-calls-value")).toBeVisible();
  await page.getByTestId("billing-scope-user").click();
  await page.getByTestId("billing-scope-target").fill(suffix);
  await page.getByTestId("scope-option").filter({ hasText: developer.email }).click();
  await expect(page.getByTestId("billing-total-calls-value")).toHaveText("2");
  await expect(page.getByTestId("billing-model-row").filter({ hasText: modelName })).toContainText("2");
  await page.screenshot({ path: shots("governance-billing"), fullPage: true });
});
