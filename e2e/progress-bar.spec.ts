// The top progress bar runs for every kind of wait, not only a click on a section link: a slow
// navigation by link or by the router from code (a tab that rewrites the URL), a slow refetch and a
// slow save; back and forward leave nothing running. Each wait here is made slow on purpose (the route held 1.5 s) so
// the bar, which only appears after 200 ms, must show; and it must be gone once the wait is over.
import { expect, test, type Page } from "@playwright/test";

const suffix = Date.now().toString(36);
const HOLD_MS = 1_500;
const hold = () => new Promise((resolve) => setTimeout(resolve, HOLD_MS));

/** Holds the server render of `path` (the RSC request of a client-side navigation). */
async function slowPage(page: Page, path: string) {
  await page.route(
    (url) => url.pathname === path,
    async (route) => {
      if (route.request().headers()["rsc"]) await hold();
      await route.continue();
    },
  );
}

async function settled(page: Page) {
  await page.waitForLoadState("networkidle").catch(() => undefined);
  await expect(page.getByRole("progressbar")).toHaveCount(0, { timeout: 10_000 });
}

test("a slow navigation by a section link, then a slow refetch", async ({ page }) => {
  await page.goto("/dashboard");
  await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();
  await settled(page);

  await slowPage(page, "/usage");
  await page.getByTestId("nav-usage").click();
  await expect(page.getByRole("progressbar", { name: "Loading page" })).toBeVisible();
  await expect(page.getByRole("progressbar", { name: "Loading page" })).toHaveAttribute("aria-busy", "true");
  await expect(page).toHaveURL(/\/usage$/);
  await expect(page.getByRole("heading", { level: 1, name: "Usage" })).toBeVisible();
  await settled(page);

  // A refetch (the log filtered by status) whose answer takes 1.5 s.
  await page.route(
    (url) => url.pathname === "/api/admin/usage",
    async (route) => {
      await hold();
      await route.continue();
    },
  );
  await page.getByLabel("Status").selectOption("ok");
  await expect(page.getByRole("progressbar", { name: "Loading data" })).toBeVisible();
  await settled(page);
});

test("a navigation made by code: a tab that rewrites the URL with router.replace", async ({ page }) => {
  await page.goto("/cache");
  await expect(page.getByRole("heading", { level: 1, name: "Cache" })).toBeVisible();
  await settled(page);
  await slowPage(page, "/cache");
  await page.getByRole("tab", { name: "Settings" }).click();
  await expect(page.getByRole("progressbar", { name: "Loading page" })).toBeVisible();
  await expect(page).toHaveURL(/\/cache\?tab=settings$/);
  await settled(page);
});

test("back and forward: the page comes back and no wait is left running", async ({ page }) => {
  // Next.js restores these from memory, so there is rarely anything to wait for; what must not happen
  // is a back or forward press left counted as under way (it starts with the location already moved).
  await page.goto("/dashboard");
  await settled(page);
  await page.getByTestId("nav-teams").click();
  await expect(page.getByRole("heading", { level: 1, name: "Teams" })).toBeVisible();
  await settled(page);
  await page.goBack();
  await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();
  await settled(page);
  await page.goForward();
  await expect(page.getByRole("heading", { level: 1, name: "Teams" })).toBeVisible();
  await settled(page);
});

test("a slow save (a react-query mutation)", async ({ page }) => {
  await page.goto("/teams");
  await settled(page);
  await page.route(
    (url) => url.pathname === "/api/admin/teams",
    async (route) => {
      if (route.request().method() === "POST") await hold();
      await route.continue();
    },
  );
  await page.getByTestId("create-team").click();
  await page.getByRole("dialog").getByLabel("Name", { exact: true }).fill(`Progress team ${suffix}`);
  await page.getByRole("button", { name: "Create team" }).click();
  // (By test id: the open dialog is modal, so the page behind it, bar included, is hidden from the
  // accessibility tree while it is open; the dialog's own button says it is saving.)
  await expect(page.getByTestId("progress-bar")).toHaveAttribute("aria-label", "Saving changes");
  await expect(page.getByTestId("team-row").filter({ hasText: `Progress team ${suffix}` })).toBeVisible();
  await settled(page);
});
