// Shared by the specs: admin API calls with the e2e ADMIN_API_KEY, and a fresh signed-in browser
// context for a user other than the admin of the stored session.
import { expect, type Browser, type BrowserContextOptions, type Locator, type Page } from "@playwright/test";
import { E2E } from "../../playwright.config";

export async function adminApi<T = Record<string, unknown>>(page: Page, method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE", path: string, data?: unknown): Promise<T> {
  const response = await page.request.fetch(path, { method, headers: { authorization: `Bearer ${E2E.adminApiKey}` }, data });
  expect(response.status(), `${method} ${path}: ${await response.text()}`).toBeLessThan(300);
  return response.json() as Promise<T>;
}

/**
 * `baseURL`: sign in on another Tollgate than the e2e app (the shutdown spec starts its own);
 * `options`: more of the context's settings (a time zone, a viewport).
 */
export async function signInAs(browser: Browser, user: { email: string; password: string }, baseURL?: string, options: BrowserContextOptions = {}): Promise<Page> {
  // An explicit `baseURL: undefined` would replace the config's, so it is only passed when given.
  const context = await browser.newContext({ ...(baseURL ? { baseURL } : {}), storageState: { cookies: [], origins: [] }, viewport: { width: 1440, height: 900 }, ...options });
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByTestId("login-submit").click();
  await expect(page).toHaveURL(/\/dashboard/);
  return page;
}

/**
 * Clicks `trigger` until `opened` is visible. A click that lands before the page's client code has
 * taken over the button does nothing; on a slow machine right after `page.goto` that can happen, and
 * the test would then wait out its whole timeout for a dialog that was never asked for.
 */
export async function openWith(trigger: Locator, opened: Locator): Promise<void> {
  await expect(async () => {
    if (!(await opened.isVisible())) await trigger.click();
    await expect(opened).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
}
