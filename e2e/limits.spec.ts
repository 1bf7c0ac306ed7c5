// Effective limits end to end: a developer on the free tier with an explicit daily quota and a key
// with a rate limit. The admin reads the limits on the users, keys and teams pages (explicit and
// from the tier, used, resets); the developer, after using 4 of 5 calls, gets the near-limit banner
// on every page and reads "My limits" on the keys page; the bootstrap admin has no tier cap.
// Screenshots at 1440 px and 390 px.
import { expect, test, type Page } from "@playwright/test";
import { E2E } from "../playwright.config";
import { adminApi, signInAs } from "./support/console-helpers";

const suffix = Date.now().toString(36);
const modelName = `limits-model-${suffix}`;
const teamName = `Limits team ${suffix}`;
const developer = { email: `limits-dev-${suffix}@e2e.test`, name: `Limits Dev ${suffix}`, password: "limits-dev-password-1" };
const shots = (name: string) => `test-results/screenshots/${name}.png`;
let key: { id: string; key: string; name: string };

test.beforeAll(async ({ browser }) => {
  const page = await browser.newPage();
  const provider = await adminApi<{ id: string }>(page, "POST", "/api/admin/providers", {
    name: `limits-fake-${suffix}`, kind: "openai-compatible", baseUrl: `${E2E.upstreamURL}/v1`, apiKey: E2E.upstreamKey,
  });
  await adminApi(page, "POST", "/api/admin/models", { name: modelName, providerId: provider.id, upstreamModel: "fake-gpt", inputPricePerMTok: 1, outputPricePerMTok: 2 });
  const team = await adminApi<{ id: string }>(page, "POST", "/api/admin/teams", { name: teamName });
  const user = await adminApi<{ id: string }>(page, "POST", "/api/admin/users", { ...developer, role: "developer", tier: "free", teamId: team.id, keyMaxDays: 90 });
  key = await adminApi(page, "POST", "/api/admin/keys", { userId: user.id, name: `limits-key-${suffix}` });
  await adminApi(page, "PUT", "/api/admin/quotas", { scope: "user", scopeId: user.id, period: "daily", maxCalls: 5 });
  await adminApi(page, "PUT", "/api/admin/quotas", { scope: "team", scopeId: team.id, period: "monthly", maxCost: 50 });
  await adminApi(page, "PUT", "/api/admin/rate-limits", { scope: "key", scopeId: key.id, rpm: 100 });
  for (let i = 0; i < 4; i++) {
    const response = await page.request.post("/v1/chat/completions", {
      headers: { authorization: `Bearer ${key.key}` },
      data: { model: modelName, messages: [{ role: "user", content: `call ${i}` }] },
    });
    expect(response.status()).toBe(200);
  }
  await expect
    .poll(async () => (await adminApi<{ total: number }>(page, "GET", `/api/admin/usage?keyId=${key.id}`)).total, { timeout: 15_000 })
    .toBe(4);
  await page.close();
});

async function openLimits(page: Page, path: string, rowTestId: string, rowText: string, buttonTestId: string) {
  await page.goto(path);
  await page.getByTestId(rowTestId).filter({ hasText: rowText }).getByTestId(buttonTestId).click();
  const dialog = page.getByTestId("limits-dialog");
  await expect(dialog.getByTestId("limits-panel")).toBeVisible();
  return dialog;
}

test("the users, keys and teams pages show the limits that apply, explicit and from the tier", async ({ page }) => {
  const user = await openLimits(page, "/users", "user-row", developer.email, "user-limits");
  const bars = user.getByTestId("limit-bar");
  await expect(bars.filter({ hasText: "Daily calls" })).toContainText("4 calls of 5 calls");
  await expect(bars.filter({ hasText: "Daily calls" })).toHaveAttribute("data-tone", "warn");
  // free tier's monthly cost default applies (no explicit monthly quota), marked as the tier's.
  await expect(bars.filter({ hasText: "Monthly cost" }).first()).toContainText("tier");
  await expect(user.getByTestId("limits-key-limits")).toContainText("90 days");
  await page.screenshot({ path: shots("limits-user-1440") });

  const ofKey = await openLimits(page, "/keys", "key-row", key.name, "key-limits");
  await expect(ofKey.getByTestId("limits-group").filter({ hasText: "This key" })).toContainText("Requests per minute");
  await expect(ofKey.getByTestId("limits-group").filter({ hasText: "Owner" })).toContainText("Daily calls");
  await expect(ofKey.getByTestId("limits-group").filter({ hasText: `Team · ${teamName}` })).toContainText("Monthly cost");
  await expect(ofKey.getByTestId("capture-state")).toContainText("Off");
  await page.screenshot({ path: shots("limits-key-1440") });

  const ofTeam = await openLimits(page, "/teams", "team-row", teamName, "team-limits");
  await expect(ofTeam.getByTestId("limit-bar").filter({ hasText: "Monthly cost" })).toContainText("of $50.00");
  await page.screenshot({ path: shots("limits-team-1440") });
});

test("the bootstrap admin is not capped by a tier", async ({ page }) => {
  await page.goto("/keys");
  await expect(page.getByTestId("my-limits").getByTestId("limits-none")).toContainText("enterprise");
  await expect(page.getByTestId("limits-banner")).toHaveCount(0);
});

test("a developer near a limit sees the banner on every page and their limits with resets", async ({ browser }) => {
  const dev = await signInAs(browser, developer);
  const banner = dev.getByTestId("limits-banner");
  await expect(banner).toContainText("Daily calls of your user: 80 % used, resets");
  await dev.screenshot({ path: shots("limits-banner-1440") });
  await dev.goto("/usage");
  await expect(banner).toBeVisible();
  await banner.getByRole("link", { name: "See all your limits" }).click();
  await expect(dev).toHaveURL(/\/keys#my-limits/);
  const mine = dev.getByTestId("my-limits");
  await expect(mine.getByTestId("limit-bar").filter({ hasText: "Daily calls" })).toContainText("resets");
  await dev.screenshot({ path: shots("limits-my-limits-1440"), fullPage: true });

  await dev.setViewportSize({ width: 390, height: 844 });
  await dev.goto("/keys");
  await expect(banner).toBeVisible();
  await dev.screenshot({ path: shots("limits-my-limits-390"), fullPage: true });
  await dev.context().close();
});

test("limits dialogs fit a phone", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const dialog = await openLimits(page, "/users", "user-row", developer.email, "user-limits");
  await expect(dialog.getByTestId("limit-bar").first()).toBeVisible();
  await page.screenshot({ path: shots("limits-user-390") });
  await page.keyboard.press("Escape");
  await openLimits(page, "/teams", "team-row", teamName, "team-limits");
  await page.screenshot({ path: shots("limits-team-390") });
});

test("the changed list pages at 1440 px and 390 px", async ({ page }) => {
  for (const [width, height] of [[1440, 900], [390, 844]] as const) {
    await page.setViewportSize({ width, height });
    for (const [path, table] of [["/users", "users-table"], ["/keys", "keys-table"], ["/teams", "teams-table"], ["/dashboard", "kpi-calls"]] as const) {
      await page.goto(path);
      await expect(page.getByTestId(table)).toBeVisible();
      await page.screenshot({ path: shots(`limits-page${path.replace("/", "-")}-${width}`), fullPage: true });
    }
  }
});
