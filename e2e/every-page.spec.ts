// Every console page, at a phone's width (390 px) and a desktop's (1440 px), in the light and the
// dark scheme: the document never scrolls sideways (wide tables scroll inside their own box), the
// page's heading shows, and the scheme really applies (dark page, light heading, and the reverse).
// A screenshot of each, whole page, goes to test-results/screenshots/every-page/ (git-ignored), to
// be looked at. Also the console's 404 (signed in and out) and form dialogs in the dark scheme on a
// phone. (The top progress bar has its own spec, progress-bar.spec.ts.)
import { expect, test, type Page } from "@playwright/test";
import { E2E } from "../playwright.config";
import { adminApi } from "./support/console-helpers";

const suffix = Date.now().toString(36);
const modelName = `every-page-model-${suffix}`;
const shot = (name: string) => `test-results/screenshots/every-page/${name}.png`;
const SIGNED_OUT = { cookies: [], origins: [] };

const PAGES = [
  { path: "/dashboard", heading: "Dashboard" },
  { path: "/playground", heading: "Playground" },
  { path: "/batches", heading: "Batches" },
  { path: "/usage", heading: "Usage" },
  { path: "/keys", heading: "Keys" },
  { path: "/users", heading: "Users" },
  { path: "/teams", heading: "Teams" },
  { path: "/providers", heading: "Providers" },
  { path: "/models", heading: "Models" },
  { path: "/health", heading: "Health" },
  { path: "/quotas", heading: "Quotas & limits" },
  { path: "/billing", heading: "Billing" },
  { path: "/cache", heading: "Cache" },
  { path: "/alerts", heading: "Alerts" },
  { path: "/audit", heading: "Audit log" },
  { path: "/no-such-page", heading: "Page not found", status: 404 },
  { path: "/login", heading: "Sign in to Tollgate", signedOut: true },
] as const;

const WIDTHS = [
  { width: 390, height: 844 },
  { width: 1440, height: 900 },
] as const;

test.beforeAll(async ({ browser }) => {
  // Something on every page: a provider and model, a team, a developer and their key, answered
  // calls and one refused by a quota, and an alert rule.
  const page = await browser.newPage();
  const provider = await adminApi<{ id: string }>(page, "POST", "/api/admin/providers", {
    name: `every-page-provider-${suffix}`, kind: "openai-compatible", baseUrl: `${E2E.upstreamURL}/v1`, apiKey: E2E.upstreamKey,
  });
  await adminApi(page, "POST", "/api/admin/models", { name: modelName, providerId: provider.id, upstreamModel: "fake-gpt", inputPricePerMTok: 1, outputPricePerMTok: 2 });
  const team = await adminApi<{ id: string }>(page, "POST", "/api/admin/teams", { name: `Every page team ${suffix}` });
  const user = await adminApi<{ id: string }>(page, "POST", "/api/admin/users", {
    email: `every-page-${suffix}@e2e.test`, name: `Every Page ${suffix}`, password: "every-page-password-1", role: "developer", tier: "enterprise", teamId: team.id,
  });
  const key = await adminApi<{ id: string; key: string }>(page, "POST", "/api/admin/keys", { userId: user.id, name: `every-page-key-${suffix}` });
  await adminApi(page, "PUT", "/api/admin/quotas", { scope: "key", scopeId: key.id, period: "daily", maxCalls: 3 });
  await adminApi(page, "POST", "/api/admin/alert-rules", { name: `Every page spend ${suffix}`, scope: "key", scopeId: key.id, metric: "spend", thresholds: [25], window: "24h",
    channels: [{ type: "webhook", url: `${E2E.upstreamURL}/every-page-hook` }],
  });
  for (const content of ["Hello", "A second call", "A third one", "Over the quota"]) {
    await page.request.post("/v1/chat/completions", { headers: { authorization: `Bearer ${key.key}` }, data: { model: modelName, messages: [{ role: "user", content }] } });
  }
  // Only there to fill the pages: what this spec checks does not depend on the calls being logged yet.
  await expect
    .poll(async () => (await adminApi<{ total: number }>(page, "GET", `/api/admin/usage?keyId=${key.id}`)).total, { timeout: 10_000 })
    .toBe(4)
    .catch(() => undefined);
  await page.close();
});

/** Relative luminance (WCAG) of an element's computed colour property, read back through a canvas so any CSS colour syntax works. */
async function luminance(page: Page, selector: string, property: "color" | "backgroundColor"): Promise<number> {
  return page.evaluate(
    ([sel, prop]) => {
      const element = document.querySelector(sel);
      if (!element) throw new Error(`no ${sel}`);
      const canvas = document.createElement("canvas");
      canvas.width = canvas.height = 1;
      const context = canvas.getContext("2d", { willReadFrequently: true })!;
      context.fillStyle = getComputedStyle(element)[prop as "color"];
      context.fillRect(0, 0, 1, 1);
      const [r, g, b] = Array.from(context.getImageData(0, 0, 1, 1).data).map((v) => {
        const c = v / 255;
        return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    },
    [selector, property] as const,
  );
}

/** How far the document and the console's scrolling <main> reach past their width, and what sticks out. */
async function horizontalOverflow(page: Page) {
  return page.evaluate(() => {
    const doc = document.documentElement;
    const main = document.querySelector("main");
    const limit = doc.clientWidth + 1;
    const scrollsSideways = (element: Element | null): boolean => {
      for (let node = element?.parentElement; node && node !== main; node = node.parentElement) {
        const overflowX = getComputedStyle(node).overflowX;
        if (overflowX === "auto" || overflowX === "scroll" || overflowX === "hidden") return true;
      }
      return false;
    };
    const culprits = Array.from(document.querySelectorAll("body *"))
      .filter((element) => element.getBoundingClientRect().right > limit && !scrollsSideways(element))
      .slice(0, 5)
      .map((element) => `${element.tagName.toLowerCase()}.${String(element.getAttribute("class") ?? "").slice(0, 80)} [${element.getAttribute("data-testid") ?? ""}]`);
    return {
      document: doc.scrollWidth - doc.clientWidth,
      main: main ? main.scrollWidth - main.clientWidth : 0,
      culprits,
    };
  });
}

/** The console scrolls inside <main>, so a full-page screenshot would stop at the viewport: grow the viewport to the content first. */
async function screenshotWhole(page: Page, path: string, width: number) {
  const height = await page.evaluate(() => {
    const main = document.querySelector("main");
    if (!main || main.scrollHeight <= main.clientHeight) return document.documentElement.scrollHeight;
    return main.scrollHeight + (window.innerHeight - main.clientHeight);
  });
  await page.setViewportSize({ width, height: Math.min(Math.max(height, 600), 6000) });
  await page.screenshot({ path, fullPage: true });
}

for (const scheme of ["light", "dark"] as const) {
  for (const size of WIDTHS) {
    test.describe(`${scheme}, ${size.width} px`, () => {
      for (const target of PAGES) {
        const name = target.path.slice(1);
        test(`${name} fits and reads`, async ({ browser }) => {
          const context = await browser.newContext({
            colorScheme: scheme,
            viewport: size,
            ...("signedOut" in target ? { storageState: SIGNED_OUT } : { storageState: "e2e/.auth/admin.json" }),
          });
          const page = await context.newPage();
          const response = await page.goto(target.path);
          expect(response?.status()).toBe("status" in target ? target.status : 200);
          const heading = page.getByRole("heading", { level: 1, name: target.heading, exact: true });
          await expect(heading).toBeVisible();
          // Loaded: no skeleton left, no request under way.
          await expect.soft(page.getByTestId("loading")).toHaveCount(0, { timeout: 15_000 });
          await page.waitForLoadState("networkidle").catch(() => undefined);

          // The navigation: a sidebar from 1024 px, a row of section links under it.
          if (!("signedOut" in target)) {
            await expect.soft(page.getByRole("navigation", { name: size.width >= 1024 ? "Console" : "Console sections", exact: true })).toBeVisible();
            await expect.soft(page.getByRole("navigation", { name: size.width >= 1024 ? "Console sections" : "Console", exact: true })).toBeHidden();
          }

          // The screenshot first, so a page that fails below can still be looked at.
          await screenshotWhole(page, shot(`${name}-${size.width}-${scheme}`), size.width);

          const overflow = await horizontalOverflow(page);
          expect.soft(overflow.document, `document wider than the viewport: ${overflow.culprits.join(", ")}`).toBeLessThanOrEqual(1);
          expect.soft(overflow.main, `page content wider than the viewport: ${overflow.culprits.join(", ")}`).toBeLessThanOrEqual(1);

          // The scheme applies: page background and heading at opposite ends, well apart.
          const background = await luminance(page, "body", "backgroundColor");
          const headingText = await luminance(page, "h1", "color");
          if (scheme === "dark") {
            expect.soft(background).toBeLessThan(0.03);
            expect.soft(headingText).toBeGreaterThan(0.7);
          } else {
            expect.soft(background).toBeGreaterThan(0.9);
            expect.soft(headingText).toBeLessThan(0.05);
          }
          expect.soft((Math.max(background, headingText) + 0.05) / (Math.min(background, headingText) + 0.05)).toBeGreaterThan(12);

          await context.close();
        });
      }
    });
  }
}

test("the console's 404: signed in inside the console, signed out with a way to sign in", async ({ page, browser }) => {
  for (const path of ["/no-such-page", "/dashboard/no-such-id"]) {
    const response = await page.goto(path);
    expect(response?.status()).toBe(404);
    await expect(page).toHaveTitle(/Page not found/);
    await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
    await expect(page.getByTestId("not-found")).toContainText(path);
    await expect(page.getByRole("navigation", { name: "Console", exact: true })).toBeVisible();
  }
  await page.getByRole("link", { name: "Back to the dashboard" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();

  const context = await browser.newContext({ storageState: SIGNED_OUT });
  const anonymous = await context.newPage();
  const response = await anonymous.goto("/no-such-page");
  expect(response?.status()).toBe(404);
  await expect(anonymous.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
  await expect(anonymous.getByRole("navigation")).toHaveCount(0);
  await anonymous.getByRole("link", { name: "Sign in" }).click();
  await expect(anonymous).toHaveURL(/\/login/);
  await context.close();
});

test("dialogs in the dark scheme at 390 px: dark surface, light text, within the screen", async ({ browser }) => {
  const context = await browser.newContext({ colorScheme: "dark", viewport: { width: 390, height: 844 }, storageState: "e2e/.auth/admin.json" });
  const page = await context.newPage();
  for (const { path, open } of [
    { path: "/keys", open: "Create key" },
    { path: "/models", open: "Add model" },
  ]) {
    await page.goto(path);
    await page.getByRole("button", { name: open, exact: true }).click();
    const dialog = page.getByRole("dialog");
    await expect(dialog).toBeVisible();
    await page.screenshot({ path: shot(`dialog-${path.slice(1)}-390-dark`) });
    const box = await dialog.boundingBox();
    expect(box && box.x >= 0 && box.x + box.width <= 391).toBe(true);
    await dialog.evaluate((element) => element.setAttribute("data-probe", "dialog"));
    expect(await luminance(page, "[data-probe=dialog]", "backgroundColor")).toBeLessThan(0.05);
    expect(await luminance(page, "[data-probe=dialog]", "color")).toBeGreaterThan(0.7);
    await page.keyboard.press("Escape");
    await expect(dialog).toBeHidden();
  }
  await context.close();
});

test("no stray marks or clipped controls: a health card without an error, the playground's filters at a desktop's width", async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, storageState: "e2e/.auth/admin.json" });
  const page = await context.newPage();
  await page.goto("/health");
  const card = page.getByTestId("health-card").filter({ hasText: modelName });
  await expect(card).toBeVisible();
  // The card's figures may say "—" (no TTFT yet); a last-error "—" on its own line under them may not.
  await expect(card.locator(":scope > span")).toHaveCount(0);

  // In the 18rem side panel, two filters a row cut "Any model", "Last active" and mm/dd/yyyy.
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto("/playground");
  for (const testId of ["conversation-model-filter", "conversation-sort", "conversation-from", "conversation-to"]) {
    const box = await page.getByTestId(testId).boundingBox();
    expect(box && box.width, testId).toBeGreaterThanOrEqual(200);
  }
  await context.close();
});
