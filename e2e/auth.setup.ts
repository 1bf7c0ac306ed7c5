// Signs in once as the bootstrap admin and saves the session for the other specs.
import { expect, test as setup } from "@playwright/test";
import { E2E } from "../playwright.config";

setup("sign in as the first admin", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Email").fill(E2E.adminEmail);
  await page.getByLabel("Password").fill("wrong-password");
  await page.getByTestId("login-submit").click();
  await expect(page.getByTestId("login-error")).toBeVisible();

  await page.getByLabel("Password").fill(E2E.adminPassword);
  await page.getByTestId("login-submit").click();
  await expect(page).toHaveURL(/\/dashboard/);
  await page.context().storageState({ path: "e2e/.auth/admin.json" });
});
