// Console forms: every problem shows at once, next to its field, in plain words (the API's own zod
// schemas, read through lib/validation/plain-errors), at desktop and phone widths; the user form
// follows the server's password length; a key's name and cache opt-out are editable.
import { expect, test } from "@playwright/test";
import { E2E } from "../playwright.config";
import { adminApi, openWith } from "./support/console-helpers";

const suffix = Date.now().toString(36);
const shots = (name: string) => `test-results/screenshots/${name}.png`;

test("the model form names every problem at once in plain words, on a desktop and a phone", async ({ page }) => {
  await page.goto("/models");
  await page.getByTestId("create-model").click();
  const form = page.getByTestId("model-form");
  await form.getByLabel("Input / 1M").fill("-1");
  await form.getByLabel("Output / 1M").fill("-0.5");
  await form.getByLabel("Context window").fill("1.5");
  await page.getByTestId("model-form-submit").click();

  await expect(form.getByTestId("model-name-error")).toHaveText("Name is required");
  await expect(form.getByTestId("model-input-price-error")).toHaveText("Input price can't be negative");
  await expect(form.getByTestId("model-output-price-error")).toHaveText("Output price can't be negative");
  await expect(form.getByTestId("model-context-error")).toHaveText("Context window must be a whole number");
  await expect(form).not.toContainText("expected number");
  await page.screenshot({ path: shots("form-errors-desktop") });

  await page.setViewportSize({ width: 390, height: 844 });
  await expect(form.getByTestId("model-input-price-error")).toBeVisible();
  await page.screenshot({ path: shots("form-errors-390") });

  // Fixing a field clears its message as it is typed; the others stay until they are fixed.
  await form.getByLabel("Input / 1M").fill("2");
  await expect(form.getByTestId("model-input-price-error")).toHaveCount(0);
  await expect(form.getByTestId("model-output-price-error")).toBeVisible();
});

test("the user form asks for the server's password length, and the quota form for a target and a limit", async ({ page }) => {
  await page.goto("/users");
  const userForm = page.getByTestId("user-form");
  await openWith(page.getByTestId("create-user"), userForm);
  await userForm.getByLabel("Email").fill("not-an-email");
  await userForm.getByLabel("Password").fill("short-pw");
  await page.getByTestId("user-form-submit").click();
  await expect(userForm.getByTestId("user-name-error")).toHaveText("Name is required");
  await expect(userForm.getByTestId("user-email-error")).toHaveText("Enter an email address like name@example.com");
  // PASSWORD_MIN_LENGTH defaults to 12 (lib/auth/password-policy.ts).
  await expect(userForm.getByTestId("user-password-error")).toHaveText("Password must be at least 12 characters long");
  await page.keyboard.press("Escape");
  await expect(userForm).toBeHidden();

  await page.goto("/quotas");
  const quotaForm = page.getByTestId("quota-form");
  await openWith(page.getByTestId("create-quota"), quotaForm);
  await quotaForm.getByLabel("Scope").selectOption("user");
  await page.getByTestId("quota-form-submit").click();
  await expect(quotaForm.getByTestId("quota-target-error")).toHaveText("Choose a user");
  await expect(quotaForm.getByTestId("quota-max-calls-error")).toHaveText("Set at least one limit: max calls, max tokens or max cost.");
  await quotaForm.getByLabel("Max cost ($)").fill("-5");
  await expect(quotaForm.getByTestId("quota-max-cost-error")).toHaveText("Max cost can't be negative");
});

test("a key's name and cache opt-out are edited in its dialog, and the toast names the key", async ({ page }) => {
  const name = `forms-key-${suffix}`;
  const admins = await adminApi<{ data: { id: string; email: string }[] }>(page, "GET", `/api/admin/users?q=${encodeURIComponent(E2E.adminEmail)}`);
  const userId = admins.data.find((user) => user.email === E2E.adminEmail)!.id;
  const created = await adminApi<{ id: string; cacheOptOut: boolean }>(page, "POST", "/api/admin/keys", { name, userId });
  expect(created.cacheOptOut).toBe(false);

  await page.goto("/keys");
  const row = page.getByTestId("key-row").filter({ hasText: name });
  await row.getByTestId("edit-key").click();
  const dialog = page.getByTestId("edit-key-dialog");
  await dialog.getByLabel("Name").fill("");
  await page.getByTestId("edit-key-dialog-submit").click();
  await expect(dialog.getByTestId("edit-key-name-error")).toHaveText("Name is required");

  await dialog.getByLabel("Name").fill(`${name}-renamed`);
  await dialog.getByTestId("edit-key-cache-opt-out").check();
  await page.getByTestId("edit-key-dialog-submit").click();
  await expect(page.getByTestId("toast")).toContainText(`Key “${name}-renamed” saved`);
  await expect(page.getByTestId("key-row").filter({ hasText: `${name}-renamed` })).toBeVisible();

  const saved = await adminApi<{ name: string; cacheOptOut: boolean }>(page, "GET", `/api/admin/keys/${created.id}`);
  expect(saved).toMatchObject({ name: `${name}-renamed`, cacheOptOut: true });
});

test("the login form names both missing fields at once, then a malformed email, at 1440 and 390 px", async ({ browser }) => {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] }, viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByTestId("login-submit").click();
  await expect(page.getByTestId("email-error")).toHaveText("Email is required");
  await expect(page.getByTestId("password-error")).toHaveText("Password is required");
  await page.screenshot({ path: shots("form-login-errors-1440") });

  await page.getByLabel("Email").fill("ada");
  await expect(page.getByTestId("email-error")).toHaveText("Enter an email address like name@example.com");
  await expect(page.getByTestId("password-error")).toHaveText("Password is required");
  // Nothing was sent: a wrong guess would have shown the server's "Sign-in failed".
  await expect(page.getByTestId("login-error")).toHaveCount(0);
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(page.getByTestId("email-error")).toBeVisible();
  await page.screenshot({ path: shots("form-login-errors-390") });

  await page.getByLabel("Email").fill(E2E.adminEmail);
  await page.getByLabel("Password").fill(E2E.adminPassword);
  await page.getByTestId("login-submit").click();
  await expect(page).toHaveURL(/\/dashboard/);
  await context.close();
});

test("the cache warm-up form names every problem at once: prompts, model, a team to charge and the concurrency", async ({ page }) => {
  await page.goto("/cache?tab=warmup");
  const form = page.getByTestId("warmup-form");
  await page.getByTestId("warmup-charge").selectOption("team");
  await form.getByLabel("At once").fill("40");
  await page.getByTestId("warmup-estimate-button").click();
  await expect(form.getByTestId("warmup-text-error")).toHaveText("Paste prompts or upload a file");
  await expect(form.getByTestId("warmup-model-error")).toHaveText("Choose a model");
  await expect(form.getByTestId("warmup-team-error")).toHaveText("Choose a team");
  await expect(form.getByTestId("warmup-concurrency-error")).toHaveText("Concurrency must be at most 16");
  await expect(form).not.toContainText("expected");
  await page.screenshot({ path: shots("form-warmup-errors-1440"), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(form.getByTestId("warmup-team-error")).toBeVisible();
  await page.screenshot({ path: shots("form-warmup-errors-390"), fullPage: true });

  // Each message leaves as its field is fixed; the others stay.
  await page.getByTestId("warmup-text").fill("What is Tollgate?");
  await expect(form.getByTestId("warmup-text-error")).toHaveCount(0);
  await form.getByLabel("At once").fill("4");
  await expect(form.getByTestId("warmup-concurrency-error")).toHaveCount(0);
  await expect(form.getByTestId("warmup-model-error")).toBeVisible();
});
