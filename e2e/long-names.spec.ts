// A long team name (up to 100 characters) at a phone's width: on one line, cut with an ellipsis, the
// whole name in the tooltip, in the teams list, the users list's team column and the limits
// dialog's title; never wrapped word by word into a tall, narrow column. Screenshots at 390 px.
import { expect, test, type Locator } from "@playwright/test";
import { adminApi } from "./support/console-helpers";

const suffix = Date.now().toString(36);
const teamName = `Platform Infrastructure and Developer Experience Reliability Engineering EMEA ${suffix}`;
const shots = (name: string) => `test-results/screenshots/${name}.png`;

test.use({ viewport: { width: 390, height: 844 } });

test.beforeAll(async ({ browser }) => {
  const page = await browser.newPage();
  const team = await adminApi<{ id: string }>(page, "POST", "/api/admin/teams", { name: teamName });
  await adminApi(page, "POST", "/api/admin/users", { email: `long-name-${suffix}@e2e.test`, name: `Long Name ${suffix}`, role: "developer", teamId: team.id });
  await page.close();
});

/** One line (no taller than its line height), cut (its text is wider than its box), the whole name in the tooltip. */
async function expectTruncated(name: Locator, full: string) {
  await expect(name).toHaveAttribute("title", full);
  const box = await name.evaluate((element) => ({
    height: element.getBoundingClientRect().height,
    lineHeight: parseFloat(getComputedStyle(element).lineHeight),
    cut: element.scrollWidth > element.clientWidth,
    right: element.getBoundingClientRect().right,
  }));
  expect(box.height).toBeLessThanOrEqual(box.lineHeight + 1);
  expect(box.cut).toBe(true);
  expect(box.right).toBeLessThanOrEqual(390);
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
