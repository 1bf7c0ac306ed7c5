// The audit log: a change made in the console shows up on /audit with its before/after diff, the
// chain verifies (with its head and an anchor check), the current filter downloads as CSV, the setup
// project's sign-ins are there, and a log cut short by SQL is reported and re-sealed by an admin.
import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import Database from "better-sqlite3";
import { E2E } from "../playwright.config";

const suffix = Date.now().toString(36);
const teamName = `audit-team-${suffix}`;
const shots = (name: string) => `test-results/screenshots/${name}.png`;
// The app's SQLite file (playwright.config.ts: DATABASE_URL), written to directly to play an intruder.
const DB_FILE = "data/e2e/e2e.db";

async function teamIdByName(page: Page, name: string): Promise<string> {
  const response = await page.request.get(`/api/admin/teams?q=${encodeURIComponent(name)}`, {
    headers: { authorization: `Bearer ${E2E.adminApiKey}` },
  });
  expect(response.status()).toBe(200);
  const body = await response.json();
  expect(body.total).toBe(1);
  return body.data[0].id;
}

test("a team created and renamed in the console appears in the audit log with its diff", async ({ page }) => {
  await page.goto("/teams");
  await page.getByTestId("create-team").click();
  await page.getByTestId("team-form").getByLabel("Name").fill(teamName);
  await page.getByTestId("team-form-submit").click();
  const row = page.getByTestId("team-row").filter({ hasText: teamName });
  await expect(row).toBeVisible();
  await row.getByTestId("edit-team").click();
  await page.getByTestId("team-form").getByLabel("Name").fill(`${teamName}-renamed`);
  await page.getByTestId("team-form-submit").click();
  await expect(page.getByTestId("teams-table")).toContainText(`${teamName}-renamed`);
  const teamId = await teamIdByName(page, `${teamName}-renamed`);

  // The newest entries, unfiltered: the rename is at the top, done by the signed-in admin.
  await page.goto("/audit");
  const first = page.getByTestId("audit-row").first();
  await expect(first.getByTestId("audit-action")).toHaveText("team.update");
  await expect(first.getByTestId("audit-actor")).toHaveText(E2E.adminEmail);
  // The target reads as the team's name; its id is what the filter uses.
  await expect(first.getByTestId("audit-target")).toContainText(`${teamName}-renamed`);
  await expect(first.getByTestId("audit-target")).toHaveAttribute("data-target-id", teamId);
  await page.screenshot({ path: shots("audit"), fullPage: true });

  // Clicking the target narrows the log to this team's history.
  await first.getByTestId("audit-target").click();
  await expect(page.getByTestId("audit-filter-targetId")).toHaveValue(teamId);
  await expect(page.getByTestId("audit-row")).toHaveCount(2);
  await expect(page.getByTestId("audit-action")).toHaveText(["team.update", "team.create"]);

  await page.getByTestId("audit-row").first().getByTestId("audit-open").click();
  const dialog = page.getByTestId("audit-diff-dialog");
  await expect(dialog).toBeVisible();
  const changed = dialog.locator('[data-testid="audit-diff-row"][data-change="changed"]').filter({ hasText: /^name/ });
  await expect(changed).toContainText(teamName);
  await expect(changed).toContainText(`${teamName}-renamed`);
  await page.screenshot({ path: shots("audit-diff") });
  await dialog.getByRole("button", { name: "Close" }).click();
  await expect(dialog).toBeHidden();

  await page.getByTestId("audit-row").nth(1).getByTestId("audit-open").click();
  await expect(dialog.locator('[data-testid="audit-diff-row"][data-change="added"]').filter({ hasText: /^name/ })).toContainText(teamName);
  await page.screenshot({ path: shots("audit-diff-create") });
  await dialog.getByRole("button", { name: "Close" }).click();

  // The export downloads exactly the filtered entries.
  const downloadPromise = page.waitForEvent("download");
  await page.getByTestId("audit-export-csv").click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toMatch(/^tollgate-audit-log-.*\.csv$/);
  const csv = (await readFile(await download.path())).toString("utf8").trimEnd().split("\r\n");
  expect(csv).toHaveLength(3);
  expect(csv[1]).toContain("team.update");
  expect(csv[2]).toContain("team.create");

  await page.getByTestId("audit-verify").click();
  await expect(page.getByTestId("audit-verify-result")).toContainText("Chain intact");
  await expect(page.getByTestId("audit-checkpoint")).toContainText("signature valid");
  await page.screenshot({ path: shots("audit-filtered-verified"), fullPage: true });
});

test("verify shows the head to record outside the database, and checks a recorded anchor", async ({ page }) => {
  await page.goto("/audit");
  await page.getByTestId("audit-verify").click();
  const result = page.getByTestId("audit-verify-result");
  await expect(result).toContainText("Chain intact");
  const id = (await page.getByTestId("audit-head-id").textContent())!.replace("#", "");
  const hash = (await page.getByTestId("audit-head-hash").textContent())!;
  expect(hash).toMatch(/^[0-9a-f]{64}$/);
  await expect(page.getByTestId("audit-checkpoint")).toContainText(`up to #${id}`);
  await page.screenshot({ path: shots("audit-verified-head-1440") });

  // What "Copy" puts on the clipboard, pasted into the entry field, is split into entry and hash.
  await page.getByTestId("audit-anchor").locator("summary").click();
  await page.getByTestId("audit-anchor-id").fill(`${id} ${hash}`);
  await page.getByTestId("audit-anchor-check").click();
  await expect(page.getByTestId("audit-anchor-result")).toContainText(`#${id} still has the recorded hash`);
  await expect(result).toContainText("Chain intact");

  await page.getByTestId("audit-anchor-hash").fill("f".repeat(64));
  await page.getByTestId("audit-anchor-check").click();
  await expect(result).toContainText("Chain broken: The log no longer matches the anchor");
  await expect(page.getByTestId("audit-anchor-result")).toContainText("has another hash now");

  await page.getByTestId("audit-anchor-hash").fill("not-a-hash");
  await page.getByTestId("audit-anchor-check").click();
  await expect(page.getByTestId("audit-anchor-hash-error")).toContainText("64-character hex hash");

  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByTestId("audit-anchor-hash").fill(hash);
  await page.getByTestId("audit-anchor-check").click();
  await expect(page.getByTestId("audit-anchor-result")).toContainText("still has the recorded hash");
  await page.screenshot({ path: shots("audit-anchor-390"), fullPage: true });
});

test("deleting the newest entries by SQL is reported, and an admin re-seals the log on the record", async ({ page, request }) => {
  await page.goto("/audit");
  await page.getByTestId("audit-verify").click();
  await expect(page.getByTestId("audit-verify-result")).toContainText("Chain intact");
  const newest = Number((await page.getByTestId("audit-head-id").textContent())!.replace("#", ""));

  // Someone with write access to the database, but not TOLLGATE_SECRET, removes the newest entry.
  // What is left links up perfectly; only the signed checkpoint knows the log was longer.
  const sqlite = new Database(DB_FILE, { timeout: 10_000 });
  try {
    expect(sqlite.prepare('DELETE FROM "AuditLog" WHERE "id" = ?').run(newest).changes).toBe(1);
  } finally {
    sqlite.close();
  }
  try {
    await page.getByTestId("audit-verify").click();
    const result = page.getByTestId("audit-verify-result");
    await expect(result).toContainText(`Chain broken: The newest entries were deleted (entry #${newest})`);
    await expect(result).toContainText(`ends at row #${newest}`);
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.screenshot({ path: shots("audit-truncated-1280"), fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: shots("audit-truncated-390"), fullPage: true });

    await page.getByTestId("audit-reseal").click();
    const dialog = page.getByTestId("confirm-dialog");
    await expect(dialog).toContainText("The newest entries were deleted");
    await page.screenshot({ path: shots("audit-reseal-confirm-390") });
    await dialog.getByTestId("confirm-button").click();
    await expect(dialog).toBeHidden();
    await expect(result).toContainText("Chain intact");
    // The seal's entry does not reuse the deleted id: the gap stays visible as an accepted one.
    await expect(result).toContainText("1 gap an admin accepted");
    await expect(page.getByTestId("audit-head-id")).toHaveText(`#${newest + 1}`);
    await page.setViewportSize({ width: 1280, height: 900 });

    // The re-seal is itself on the record, with the break it accepted.
    const first = page.getByTestId("audit-row").first();
    await expect(first.getByTestId("audit-action")).toHaveText("audit.chain_resealed");
    await expect(first.getByTestId("audit-actor")).toHaveText(E2E.adminEmail);
    await first.getByTestId("audit-open").click();
    await expect(page.getByTestId("audit-diff-dialog")).toContainText("rows_truncated");
    await page.screenshot({ path: shots("audit-reseal-entry") });
  } finally {
    // Leave a log the next specs can append to, whatever happened above.
    const headers = { authorization: `Bearer ${E2E.adminApiKey}` };
    const verify = await (await request.get("/api/admin/audit-log/verify", { headers })).json();
    if (!verify.ok) await request.post("/api/admin/audit-log/reseal", { headers, data: { acceptBrokenChain: true } });
  }
});

test("sign-ins and refused sign-ins are listed, and filters that match nothing say so", async ({ page }) => {
  await page.goto("/audit");
  await page.getByTestId("audit-filter-action").fill("auth.");
  await page.getByTestId("audit-filter-apply").click();
  // auth.setup.ts signed in once with a wrong password, then with the right one.
  await expect(page.getByTestId("audit-action").filter({ hasText: /^auth\.sign_in_failed$/ }).first()).toBeVisible();
  await expect(page.getByTestId("audit-action").filter({ hasText: /^auth\.sign_in$/ }).first()).toBeVisible();
  const failed = page.getByTestId("audit-row").filter({ hasText: "auth.sign_in_failed" }).first();
  await expect(failed).toContainText(`${E2E.adminEmail} (not signed in)`);
  await failed.getByTestId("audit-open").click();
  await expect(page.getByTestId("audit-diff-dialog")).toContainText("invalid_credentials");
  await page.getByTestId("audit-diff-dialog").getByRole("button", { name: "Close" }).click();

  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: shots("audit-sign-ins-1280"), fullPage: true });

  await page.getByTestId("audit-filter-targetId").fill(`no-such-target-${suffix}`);
  await page.getByTestId("audit-filter-apply").click();
  await expect(page.getByTestId("audit-empty")).toContainText("No entries match these filters");
  await page.screenshot({ path: shots("audit-empty"), fullPage: true });
  await page.getByTestId("audit-filter-clear").click();
  await expect(page.getByTestId("audit-row").first()).toBeVisible();
});
