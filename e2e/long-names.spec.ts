// Long names at a phone's width (a team's, a provider's or an alert rule's up to 100 characters; a
// model's up to 200): on one line, cut with an ellipsis, the whole name in the tooltip, in the teams,
// models (model, provider, upstream name) and alert rules lists, the users list's team column, the limits dialog's title
// and billing's "By model" and "By team" tables; never wrapped word by word into a tall, narrow
// column. Screenshots at 390 px.
import { expect, test, type Locator } from "@playwright/test";
import { E2E } from "../playwright.config";
import { adminApi } from "./support/console-helpers";

const suffix = Date.now().toString(36);
const teamName = `Platform Infrastructure and Developer Experience Reliability Engineering EMEA ${suffix}`;
// Model names have no spaces, so a long one would be broken mid-word rather than at spaces.
const modelName = `platform-infrastructure-developer-experience-reliability-model-${suffix}`;
const providerName = `Platform Infrastructure self-hosted inference cluster Frankfurt ${suffix}`;
const userName = `Maximiliana Alexandra Montgomery-Fitzgerald ${suffix}`;
const userEmail = `long-name-${suffix}-maximiliana.montgomery-fitzgerald@e2e.test`;
const ruleName = `Platform Infrastructure monthly spend warning for finance ${suffix}`;
const shots = (name: string) => `test-results/screenshots/${name}.png`;

test.use({ viewport: { width: 390, height: 844 } });

test.beforeAll(async ({ browser }) => {
  const page = await browser.newPage();
  const team = await adminApi<{ id: string }>(page, "POST", "/api/admin/teams", { name: teamName });
  const user = await adminApi<{ id: string }>(page, "POST", "/api/admin/users", { email: userEmail, name: userName, role: "developer", teamId: team.id });
  // One call by the team's key on the long-named model, so both names have a line in billing.
  const provider = await adminApi<{ id: string }>(page, "POST", "/api/admin/providers", {
    name: providerName, kind: "openai-compatible", baseUrl: `${E2E.upstreamURL}/v1`, apiKey: E2E.upstreamKey,
  });
  await adminApi(page, "POST", "/api/admin/models", { name: modelName, providerId: provider.id, upstreamModel: "fake-gpt", inputPricePerMTok: 1, outputPricePerMTok: 2 });
  const key = await adminApi<{ id: string; key: string }>(page, "POST", "/api/admin/keys", { userId: user.id, name: `long-name-key-${suffix}` });
  await adminApi(page, "POST", "/api/admin/alert-rules", { name: ruleName, scope: "team", scopeId: team.id, metric: "spend", thresholds: [100], window: "24h",
    channels: [{ type: "webhook", url: `${E2E.upstreamURL}/long-name-hook` }],
  });
  const call = await page.request.post("/v1/chat/completions", { headers: { authorization: `Bearer ${key.key}` }, data: { model: modelName, messages: [{ role: "user", content: "Hello" }] } });
  expect(call.status()).toBe(200);
  await expect.poll(async () => (await adminApi<{ total: number }>(page, "GET", `/api/admin/usage?keyId=${key.id}`)).total, { timeout: 10_000 }).toBe(1);
  await page.close();
});

/** One line (no taller than its line height), cut (its text is wider than its box), the whole name in the tooltip. */
async function expectTruncated(name: Locator, full: string) {
  await expect(name).toBeVisible();
  const box = await name.evaluate((element) => ({
    height: element.getBoundingClientRect().height,
    lineHeight: parseFloat(getComputedStyle(element).lineHeight),
    cut: element.scrollWidth > element.clientWidth,
    right: element.getBoundingClientRect().right,
  }));
  expect(box.height).toBeLessThanOrEqual(box.lineHeight + 1);
  expect(box.cut).toBe(true);
  expect(box.right).toBeLessThanOrEqual(390);
  await expect(name).toHaveAttribute("title", full);
}

test("a long team name is cut on one line with the whole name in its tooltip", async ({ page }) => {
  await page.goto("/teams");
  const row = page.getByTestId("team-row").filter({ hasText: suffix });
  await expectTruncated(row.getByTestId("team-name"), teamName);
  await page.screenshot({ path: shots("long-team-name-teams-390") });

  await row.getByTestId("team-limits").click();
  await expectTruncated(page.getByTestId("limits-dialog-title"), `Limits of team ${teamName}`);
  await page.screenshot({ path: shots("long-team-name-limits-390") });
  await page.keyboard.press("Escape");

  await page.goto("/users");
  const userRow = page.getByTestId("user-row").filter({ hasText: `long-name-${suffix}` });
  await userRow.getByTestId("user-team").scrollIntoViewIfNeeded();
  const team = userRow.getByTestId("user-team");
  await expect(team).toHaveAttribute("title", teamName);
  const box = await team.evaluate((element) => ({ height: element.getBoundingClientRect().height, lineHeight: parseFloat(getComputedStyle(element).lineHeight), cut: element.scrollWidth > element.clientWidth }));
  expect(box.height).toBeLessThanOrEqual(box.lineHeight + 1);
  expect(box.cut).toBe(true);
  await page.screenshot({ path: shots("long-team-name-users-390") });
});

test("billing's tables keep a long team name and a long model name on one line", async ({ page }) => {
  await page.goto("/billing");
  const modelRow = page.getByTestId("billing-model-row").filter({ hasText: suffix });
  // Found by their text, not a test id, so the check is of how the name is laid out, whatever renders it.
  await expectTruncated(modelRow.getByText(modelName, { exact: true }), modelName);
  const teamRow = page.getByTestId("billing-team-row").filter({ hasText: suffix });
  await teamRow.scrollIntoViewIfNeeded();
  await expectTruncated(teamRow.getByText(teamName, { exact: true }), teamName);
  await page.screenshot({ path: shots("long-names-billing-390") });
});

test("the models and alert rules lists keep long names on one line", async ({ page }) => {
  await page.goto("/models");
  const modelRow = page.getByRole("row").filter({ hasText: modelName });
  await modelRow.scrollIntoViewIfNeeded();
  await expectTruncated(modelRow.getByText(modelName, { exact: true }), modelName);
  // The provider's name is further right: one line and the tooltip (where it ends is the table's scroll).
  const provider = modelRow.getByText(providerName, { exact: true });
  await expect(provider).toHaveAttribute("title", providerName);
  expect(await provider.evaluate((element) => element.getBoundingClientRect().height <= parseFloat(getComputedStyle(element).lineHeight) + 1)).toBe(true);
  await page.screenshot({ path: shots("long-names-models-390") });

  await page.goto("/alerts");
  const ruleRow = page.getByRole("row").filter({ hasText: suffix });
  await expectTruncated(ruleRow.getByText(ruleName, { exact: true }), ruleName);
  await page.screenshot({ path: shots("long-names-alerts-390") });
});

test("at a desktop's width the models table, wider than the screen, keeps each row's actions in view", async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto("/models");
  const row = page.getByRole("row").filter({ hasText: modelName });
  await expect(row.getByTestId("delete-model")).toBeVisible();
  const table = await page.getByRole("table").first().evaluate((element) => ({ scrolls: element.parentElement!.scrollWidth > element.parentElement!.clientWidth, right: element.parentElement!.getBoundingClientRect().right }));
  // The point of the check: the long names make the table scroll sideways, yet Delete is on screen.
  expect(table.scrolls).toBe(true);
  const box = (await row.getByTestId("delete-model").boundingBox())!;
  expect(box.x + box.width).toBeLessThanOrEqual(table.right);
  await page.screenshot({ path: shots("long-names-models-1440") });
});

// The other wide lists pin their row actions the same way (DataTable's `pinned` column). At 1024 px,
// the narrowest width with the sidebar, each of them scrolls sideways with the long names above.
for (const [path, rowText, action] of [
  ["/users", userName, "delete-user"],
  ["/keys", `long-name-key-${suffix}`, "revoke-key"],
  ["/teams", teamName, "delete-team"],
  ["/providers", providerName, "delete-provider"],
] as const) {
  test(`at 1024 px the ${path.slice(1)} table scrolls sideways and keeps each row's actions in view`, async ({ page }) => {
    await page.setViewportSize({ width: 1024, height: 800 });
    await page.goto(path);
    const row = page.getByRole("row").filter({ hasText: rowText });
    await expect(row.getByTestId(action)).toBeVisible();
    const table = await page.getByRole("table").first().evaluate((element) => ({ scrolls: element.parentElement!.scrollWidth > element.parentElement!.clientWidth, right: element.parentElement!.getBoundingClientRect().right }));
    expect(table.scrolls).toBe(true);
    const box = (await row.getByTestId(action).boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(table.right);
    await page.screenshot({ path: shots(`long-names${path.replace("/", "-")}-1024`) });
  });
}
