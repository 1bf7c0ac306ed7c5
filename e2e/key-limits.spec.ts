// Limits an admin sets on a developer's keys, in the console: the admin sets them in the user form,
// the developer's create-key form offers only what they allow (and the key it makes inherits the
// lifetime), and the developer cannot widen the key afterwards through the API either.
import { expect, test } from "@playwright/test";
import { E2E } from "../playwright.config";
import { adminApi, signInAs } from "./support/console-helpers";

const suffix = Date.now().toString(36);
const shots = (name: string) => `test-results/screenshots/${name}.png`;
const developer = { email: `limited-${suffix}@e2e.test`, password: `limited-dev-${suffix}-Passphrase` };
const models = [`limit-a-${suffix}`, `limit-b-${suffix}`];
const DAY_MS = 86_400_000;

test.beforeAll(async ({ browser }) => {
  const page = await browser.newPage();
  const provider = await adminApi<{ id: string }>(page, "POST", "/api/admin/providers", {
    name: `limits-${suffix}`, kind: "openai-compatible", baseUrl: `${E2E.upstreamURL}/v1`, apiKey: E2E.upstreamKey,
  });
  for (const name of models) {
    await adminApi(page, "POST", "/api/admin/models", { name, providerId: provider.id, upstreamModel: "fake-gpt", inputPricePerMTok: 1, outputPricePerMTok: 2 });
  }
  await adminApi(page, "POST", "/api/admin/users", { email: developer.email, name: "Limited Dev", role: "developer", password: developer.password });
  await page.close();
});

test("an admin limits a developer's keys; the developer's key form offers only what the limits allow", async ({ page, browser }) => {
  await page.goto("/users");
  await page.getByRole("button", { name: `Edit ${developer.email}` }).click();
  const form = page.getByTestId("user-form");
  await form.getByTestId(`keyModels-model-${models[0]}`).check();
  await form.getByLabel("Longest key life (days)").fill("30");
  await page.screenshot({ path: shots("user-key-limits") });
  await page.getByTestId("user-form-submit").click();
  await expect(form).toBeHidden();
  const users = await adminApi<{ data: { email: string; keyModels: string[]; keyMaxDays: number | null }[] }>(page, "GET", `/api/admin/users?q=${encodeURIComponent(developer.email)}`);
  expect(users.data[0]).toMatchObject({ keyModels: [models[0]], keyMaxDays: 30 });

  const dev = await signInAs(browser, developer);
  await dev.goto("/keys");
  await dev.getByTestId("create-key").click();
  const dialog = dev.getByTestId("create-key-dialog");
  await expect(dialog.getByTestId(`key-model-${models[0]}`)).toBeVisible();
  await expect(dialog.getByTestId(`key-model-${models[1]}`)).toHaveCount(0);
  await expect(dialog).toContainText(`every model an admin allows your keys (${models[0]})`);
  const lastDay = new Date(Date.now() + 30 * DAY_MS).toISOString().slice(0, 10);
  await expect(dialog.getByLabel("Expires after")).toHaveAttribute("max", lastDay);
  await expect(dialog).toContainText("An admin limits your keys to 30 days");
  await dev.screenshot({ path: shots("create-key-limited") });
  await dialog.getByLabel("Name").fill(`limited key ${suffix}`);
  await dev.getByTestId("create-key-dialog-submit").click();
  await expect(dev.getByTestId("created-key-value")).toHaveValue(/^tg-/);
  await dev.getByTestId("key-created-done").click();
  const row = dev.getByTestId("key-row").filter({ hasText: `limited key ${suffix}` });
  await expect(row).toContainText(models[0]);
  await dev.screenshot({ path: shots("keys-limited") });

  // The developer cannot lift the inherited limits afterwards: the API answers 403 naming the field.
  const keys = await adminApi<{ data: { id: string; name: string; expiresAt: string }[] }>(page, "GET", "/api/admin/keys?q=limited");
  const key = keys.data.find((k) => k.name === `limited key ${suffix}`)!;
  expect(Date.parse(key.expiresAt)).toBeGreaterThan(Date.now() + 29 * DAY_MS);
  const widened = await dev.request.patch(`/api/admin/keys/${key.id}`, { headers: { origin: E2E.baseURL }, data: { expiresAt: null } });
  expect(widened.status()).toBe(403);
  expect((await widened.json()).error).toMatchObject({ code: "key_limit", field: "expiresAt" });
  await dev.context().close();
});
