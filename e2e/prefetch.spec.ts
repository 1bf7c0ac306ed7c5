// Console pages are rendered with their data on the server (page.tsx prefetches through the admin
// route handlers, the client hydrates): with JavaScript off the tables are already filled, and with
// JavaScript on the browser neither refetches the prefetched lists nor hits a hydration mismatch.
import { expect, test } from "@playwright/test";
import { formatDateTime } from "../lib/charts/format";
import { E2E } from "../playwright.config";
import { adminApi, signInAs } from "./support/console-helpers";

const suffix = `${Date.now().toString(36)}p`;
const teamName = `prefetch-team-${suffix}`;
const providerName = `prefetch-provider-${suffix}`;
const modelName = `prefetch-model-${suffix}`;
const userEmail = `prefetch-${suffix}@e2e.test`;
const keyName = `prefetch key ${suffix}`;
const alertRuleName = `prefetch rule ${suffix}`;
const developer = { email: userEmail, password: "prefetch-dev-password-1" };
const shots = (name: string) => `test-results/screenshots/${name}.png`;
let orgId = "";

test.beforeAll(async ({ browser }) => {
  const page = await browser.newPage();
  const team = await adminApi<{ id: string }>(page, "POST", "/api/admin/teams", { name: teamName });
  // A quota and an alert rule, so the quotas and alerts pages have rows to render on the server, and
  // one of the organization's, so the quotas page's usage card (on the organization) has bars.
  await adminApi(page, "PUT", "/api/admin/quotas", { scope: "team", scopeId: team.id, period: "monthly", maxCalls: 1_000_000 });
  orgId = (await adminApi<{ orgId: string }>(page, "GET", "/api/admin/me")).orgId;
  await adminApi(page, "PUT", "/api/admin/quotas", { scope: "org", scopeId: orgId, period: "daily", maxCalls: 1_000_000 });
  await adminApi(page, "POST", "/api/admin/alert-rules", {
    name: alertRuleName, scope: "team", scopeId: team.id, metric: "spend", thresholds: [1000], window: "24h", channels: [{ type: "webhook", url: `${E2E.upstreamURL}/prefetch-hook` }],
  });
  const provider = await adminApi<{ id: string }>(page, "POST", "/api/admin/providers", {
    name: providerName, kind: "openai-compatible", baseUrl: `${E2E.upstreamURL}/v1`, apiKey: E2E.upstreamKey,
  });
  await adminApi(page, "POST", "/api/admin/models", {
    name: modelName, providerId: provider.id, upstreamModel: "fake-gpt", inputPricePerMTok: 1, outputPricePerMTok: 2,
  });
  const user = await adminApi<{ id: string }>(page, "POST", "/api/admin/users", { name: "Prefetch Developer", ...developer, role: "developer" });
  // The developer's one call uses up their daily quota: the near-limit banner (rendered by the
  // console layout with the page) and "My limits" then show a reset time.
  await adminApi(page, "PUT", "/api/admin/quotas", { scope: "user", scopeId: user.id, period: "daily", maxCalls: 1 });
  const key = await adminApi<{ key: string }>(page, "POST", "/api/admin/keys", { userId: user.id, name: keyName });
  // One call, so the usage table and the dashboard have something to render.
  const call = await page.request.post("/v1/chat/completions", {
    headers: { authorization: `Bearer ${key.key}` },
    data: { model: modelName, messages: [{ role: "user", content: "prefetch" }] },
  });
  expect(call.status()).toBe(200);
  await expect
    .poll(async () => (await adminApi<{ total: number }>(page, "GET", `/api/admin/usage?model=${encodeURIComponent(modelName)}`)).total, { timeout: 15_000 })
    .toBeGreaterThanOrEqual(1);
  await page.close();
});

test.afterAll(async ({ browser }) => {
  // The organization's quota would otherwise govern every call of the specs that run after this one.
  const page = await browser.newPage();
  await adminApi(page, "DELETE", `/api/admin/quotas?scope=org&scopeId=${orgId}&period=daily`);
  await page.close();
});

test.describe("server HTML", () => {
  test.use({ javaScriptEnabled: false });

  const lists = [
    { path: "/teams", table: "teams-table", text: teamName },
    { path: "/providers", table: "providers-table", text: providerName },
    { path: "/models", table: "models-table", text: modelName },
    { path: "/users", table: "users-table", text: userEmail },
    { path: "/keys", table: "keys-table", text: keyName },
    { path: "/usage", table: "usage-table", text: modelName },
    { path: "/quotas", table: "quotas-table", text: teamName },
    { path: "/alerts", table: "alert-rules-table", text: alertRuleName },
    { path: "/audit", table: "audit-table", text: "team.create" },
    { path: "/billing", table: "billing-models-table", text: modelName },
  ];
  for (const { path, table, text } of lists) {
    test(`${path} is rendered with its rows, not a loading state`, async ({ page }) => {
      await page.goto(path);
      await expect(page.getByTestId(table)).toContainText(text);
      await expect(page.getByTestId(table)).not.toHaveAttribute("aria-busy", "true");
      await page.screenshot({ path: shots(`prefetch-nojs-${path.slice(1)}`), fullPage: true });
    });
  }

  test("/usage renders its filter options and totals", async ({ page }) => {
    await page.goto("/usage");
    await expect(page.locator("#usage-model option", { hasText: modelName })).toHaveCount(1);
    await expect(page.locator("#usage-key option", { hasText: keyName })).toHaveCount(1);
    await expect(page.getByTestId("usage-totals")).toBeVisible();
  });

  test("/quotas renders the organization's usage bars", async ({ page }) => {
    await page.goto("/quotas");
    const bar = page.getByTestId("quota-status").getByTestId("usage-bar").filter({ hasText: "Daily calls" });
    await expect(bar).toContainText("of 1,000,000 calls");
    // The reset time in UTC: the server cannot know the viewer's zone (LocalTime).
    await expect(bar.locator("time")).toHaveText(formatDateTime(await bar.locator("time").getAttribute("datetime"), "UTC"));
  });

  test("/dashboard is rendered with its KPIs, not a loading state", async ({ page }) => {
    await page.goto("/dashboard");
    await expect(page.getByTestId("kpi-calls-value")).toHaveText(/[1-9]/);
    await expect(page.getByText("Loading charts…")).toHaveCount(0);
    await expect(page.getByTestId("chart-calls")).toBeVisible();
    await page.screenshot({ path: shots("prefetch-nojs-dashboard"), fullPage: true });
  });

  test("/playground offers the callable models", async ({ page }) => {
    await page.goto("/playground");
    // The model picker (the conversations panel's model filter lists the same models).
    await expect(page.getByTestId("playground-model").locator("option", { hasText: modelName })).toHaveCount(1);
    await expect(page.getByText("Loading models…")).toHaveCount(0);
  });
});

const viewerZone = "Pacific/Kiritimati";

test.describe("hydration", () => {
  // Far from the server's UTC, so any date rendered in the viewer's zone would differ from the HTML.
  test.use({ timezoneId: viewerZone });

  test("pages hydrate the prefetched data without refetching it or mismatching the HTML", async ({ page }) => {
    const errors: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error") errors.push(`${page.url()}: ${message.text()}`);
    });
    page.on("pageerror", (error) => errors.push(`${page.url()}: ${error.message}`));
    let adminReads: string[] = [];
    page.on("request", (request) => {
      const url = new URL(request.url());
      if (url.pathname.startsWith("/api/admin/")) adminReads.push(url.pathname);
    });

    for (const path of ["/dashboard", "/usage", "/keys", "/users", "/teams", "/providers", "/models", "/quotas", "/alerts", "/audit", "/billing", "/playground"]) {
      adminReads = [];
      await page.goto(path);
      await page.waitForLoadState("networkidle");
      expect(adminReads, `${path} fetched after hydration`).toEqual([]);
    }
    await expect(page.getByTestId("playground-model").locator("option", { hasText: modelName })).toHaveCount(1);

    // A client-side navigation gets the list in the page's RSC payload, not from a second request.
    await page.goto("/dashboard");
    await page.waitForLoadState("networkidle");
    adminReads = [];
    await page.getByRole("link", { name: "Teams" }).click();
    await expect(page.getByTestId("teams-table")).toContainText(teamName);
    expect(adminReads).toEqual([]);
    expect(errors).toEqual([]);

    // The data is live after hydration: a filter change fetches its own key.
    await page.goto("/keys");
    const revokedList = page.waitForResponse((response) => response.url().includes("/api/admin/keys?") && response.url().includes("status=revoked"));
    await page.getByLabel("Status").selectOption("revoked");
    expect((await revokedList).status()).toBe(200);
    await expect(page.getByTestId("key-row").filter({ hasText: keyName })).toHaveCount(0);
    await page.goto("/usage");
    const row = page.getByTestId("usage-row").filter({ hasText: modelName }).first();
    await expect(row).toBeVisible();
    // The HTML says UTC; once hydrated, times are in the viewer's zone.
    const time = row.locator("time");
    const iso = await time.getAttribute("datetime");
    await expect(time).toHaveText(formatDateTime(iso, viewerZone));
    await page.screenshot({ path: shots("prefetch-hydrated-usage"), fullPage: true });

    // The usage bars' reset times too, once hydrated.
    await page.goto("/quotas");
    const reset = page.getByTestId("quota-status").getByTestId("usage-bar").filter({ hasText: "Daily calls" }).locator("time");
    await expect(reset).toHaveText(formatDateTime(await reset.getAttribute("datetime"), viewerZone));
    expect(errors).toEqual([]);
  });

  test("a developer's near-limit banner and own limits hydrate with their reset times", async ({ browser }) => {
    const page = await signInAs(browser, developer, undefined, { timezoneId: viewerZone });
    const errors: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error") errors.push(`${page.url()}: ${message.text()}`);
    });
    page.on("pageerror", (error) => errors.push(`${page.url()}: ${error.message}`));
    for (const path of ["/dashboard", "/usage", "/keys"]) {
      await page.goto(path);
      await page.waitForLoadState("networkidle");
      const reset = page.getByTestId("limits-banner").locator("time");
      await expect(reset).toHaveText(formatDateTime(await reset.getAttribute("datetime"), viewerZone));
    }
    // (The developer's own daily quota and the organization's: both reset at the same midnight.)
    const myReset = page.getByTestId("my-limits").getByTestId("limit-bar").filter({ hasText: "Daily calls" }).locator("time").first();
    await expect(myReset).toHaveText(formatDateTime(await myReset.getAttribute("datetime"), viewerZone));
    await page.screenshot({ path: shots("prefetch-hydrated-my-limits"), fullPage: true });
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
