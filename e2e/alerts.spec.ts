// Alerts in the console: an admin creates a quota rule with a signed webhook channel, sends a test
// alert that a real receiver (started here) gets, and finds it in the history with its delivery
// attempts; then adds a failing channel and sees the partial delivery and its retries.
import { createHmac } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "@playwright/test";
import { adminApi } from "./support/console-helpers";

const suffix = Date.now().toString(36);
const ruleName = `CI quota ${suffix}`;
const secret = "e2e-webhook-secret";
const shots = (name: string) => `test-results/screenshots/${name}.png`;

interface Received {
  rawBody: string;
  headers: IncomingHttpHeaders;
}

/** A webhook receiver on 127.0.0.1 answering every request with `status`. */
async function receiver(status: number): Promise<{ url: string; received: Received[]; server: Server }> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      received.push({ rawBody: Buffer.concat(chunks).toString("utf8"), headers: req.headers });
      res.statusCode = status;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/alerts`, received, server };
}

let good: Awaited<ReturnType<typeof receiver>>;
let broken: Awaited<ReturnType<typeof receiver>>;
let keyId: string;
let keyLabel: string;

test.beforeAll(async ({ browser }) => {
  good = await receiver(200);
  broken = await receiver(503);
  const page = await browser.newPage();
  const user = await adminApi<{ id: string }>(page, "POST", "/api/admin/users", { email: `alerts-${suffix}@e2e.test`, name: "Alert Dev", role: "developer" });
  const key = await adminApi<{ id: string; prefix: string }>(page, "POST", "/api/admin/keys", { userId: user.id, name: `ci-${suffix}` });
  keyId = key.id;
  keyLabel = `ci-${suffix} (${key.prefix}…, alerts-${suffix}@e2e.test)`;
  await page.close();
});

test.afterAll(async () => {
  good?.server.close();
  broken?.server.close();
});

test("create a rule with a webhook, send a test alert, see it delivered in the history", async ({ page }) => {
  await page.goto("/alerts");
  await expect(page.getByRole("heading", { name: "Alerts" })).toBeVisible();
  await expect(page.getByTestId("alert-history").getByTestId("empty-state")).toBeVisible();
  await page.screenshot({ path: shots("alerts-empty"), fullPage: true });

  await page.getByTestId("create-alert-rule").click();
  const form = page.getByTestId("alert-rule-form");
  await form.getByLabel("Name").fill(ruleName);
  await form.getByLabel("Scope").selectOption("key");
  await form.getByTestId("alert-rule-target").selectOption({ label: keyLabel });
  await expect(form.getByLabel("Thresholds (%)")).toHaveValue("80, 90, 100");

  // An e-mail channel is refused while SMTP is not configured, with the reason next to the field.
  await form.getByTestId("channel-type").selectOption("email");
  await form.getByTestId("channel-to").fill("oncall@e2e.test");
  await page.getByTestId("alert-rule-form-submit").click();
  await expect(form.getByTestId("channel-0-to-error")).toContainText("SMTP");

  await form.getByTestId("channel-type").selectOption("webhook");
  await form.getByTestId("channel-url").fill(good.url);
  await form.getByTestId("channel-secret").fill(secret);
  await page.screenshot({ path: shots("alerts-rule-form") });
  await page.getByTestId("alert-rule-form-submit").click();
  await expect(form).toBeHidden();

  const row = page.getByTestId("alert-rule-row").filter({ hasText: ruleName });
  await expect(row).toContainText("80%, 90%, 100%");
  await expect(row).toContainText(`Quota usage of key “ci-${suffix}”`);
  await expect(row).toContainText("Webhook");

  await row.getByTestId("test-alert-rule").click();
  await expect(page.getByTestId("toast").filter({ hasText: "Test alert" })).toContainText("delivered to 1 of 1 channel");
  expect(good.received).toHaveLength(1);
  const [request] = good.received;
  const timestamp = request.headers["x-tollgate-timestamp"] as string;
  const expected = `sha256=${createHmac("sha256", secret).update(`${timestamp}.${request.rawBody}`).digest("hex")}`;
  expect(request.headers["x-tollgate-signature"]).toBe(expected);
  expect(JSON.parse(request.rawBody)).toMatchObject({ type: "alert.test", test: true, rule: { name: ruleName, metric: "quota_usage" } });

  const history = page.getByTestId("alert-history");
  const entry = history.getByTestId("alert-history-row").filter({ hasText: ruleName }).first();
  await expect(entry).toContainText("Test");
  await expect(entry.getByTestId("alert-status")).toHaveText("Delivered");
  await entry.getByTestId("toggle-alert-details").click();
  const attempts = history.getByTestId("alert-delivery");
  await expect(attempts).toHaveCount(1);
  await expect(attempts.first()).toContainText("Sent");
  await expect(attempts.first()).toContainText("HTTP 200");
  await expect(attempts.first()).toContainText(good.url);
  await page.screenshot({ path: shots("alerts"), fullPage: true });
});

test("a failing channel is retried, logged, and does not stop the others", async ({ page }) => {
  const retryRule = `Retry ${suffix}`;
  await adminApi(page, "POST", "/api/admin/alert-rules", {
    name: retryRule, scope: "key", scopeId: keyId, metric: "spend", thresholds: [25], window: "24h",
    channels: [{ type: "webhook", url: good.url, secret }],
  });
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto("/alerts");
  const row = page.getByTestId("alert-rule-row").filter({ hasText: retryRule });
  await row.getByTestId("edit-alert-rule").click();
  const form = page.getByTestId("alert-rule-form");
  // The stored secret stays on the server: the field starts empty and says so.
  await expect(form.getByTestId("channel-secret")).toHaveValue("");
  await expect(form).toContainText("A secret is stored. Leave empty to keep it.");
  await form.getByTestId("add-channel").click();
  await form.getByTestId("channel-url").nth(1).fill(broken.url);
  await page.screenshot({ path: shots("alerts-rule-edit") });
  await page.getByTestId("alert-rule-form-submit").click();
  await expect(form).toBeHidden();

  const received = good.received.length;
  await row.getByTestId("test-alert-rule").click();
  await expect(page.getByTestId("toast").filter({ hasText: "Test alert" })).toContainText("delivered to 1 of 2 channels", { timeout: 20_000 });
  expect(good.received).toHaveLength(received + 1);
  // The kept secret still signs.
  const latest = good.received[good.received.length - 1];
  const expected = `sha256=${createHmac("sha256", secret).update(`${latest.headers["x-tollgate-timestamp"]}.${latest.rawBody}`).digest("hex")}`;
  expect(latest.headers["x-tollgate-signature"]).toBe(expected);
  expect(broken.received).toHaveLength(3);

  const history = page.getByTestId("alert-history");
  await history.getByTestId("alert-history-rule").selectOption({ label: retryRule });
  const entry = history.getByTestId("alert-history-row").first();
  await expect(entry.getByTestId("alert-status")).toHaveText("Partly delivered");
  await entry.getByTestId("toggle-alert-details").click();
  const attempts = history.getByTestId("alert-delivery");
  await expect(attempts).toHaveCount(4);
  await expect(attempts.filter({ hasText: "HTTP 503" })).toHaveCount(3);
  await page.screenshot({ path: shots("alerts-history-1280"), fullPage: true });

  await row.getByTestId("delete-alert-rule").click();
  await page.getByRole("button", { name: "Delete rule" }).click();
  await expect(row).toHaveCount(0);
});
