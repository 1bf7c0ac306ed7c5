// Billing: usage made through the proxy by two teams' keys on two models shows up on /billing with
// the API's totals, per model and per team; the CSV download and the printable invoice match; the
// empty and error states render.
import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { E2E } from "../playwright.config";
import { adminApi } from "./support/console-helpers";

const suffix = Date.now().toString(36);
const models = [`bill-a-${suffix}`, `bill-b-${suffix}`];
const teamName = `billing-team-${suffix}`;
const shots = (name: string) => `test-results/screenshots/${name}.png`;

// Same formats as lib/charts/format.ts (formatNumber, and formatCurrency for amounts of a cent or more).
const integer = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
const cents = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", minimumFractionDigits: 2, maximumFractionDigits: 2 });

type Report = { totals: { calls: number; cost: number }; byModel: { model: string; calls: number; cost: number }[]; byTeam: { teamName: string | null; calls: number }[] };

let teamId = "";

test.beforeAll(async ({ browser }) => {
  const page = await browser.newPage();
  const provider = await adminApi(page, "POST", "/api/admin/providers", {
    name: `billing-fake-${suffix}`, kind: "openai-compatible", baseUrl: `${E2E.upstreamURL}/v1`, apiKey: E2E.upstreamKey,
  });
  // Prices high enough that the total is well above a cent, low enough that the default tier's
  // quota (which reserves max_tokens at the output price) never refuses a call.
  for (const [index, name] of models.entries()) {
    await adminApi(page, "POST", "/api/admin/models", {
      name, providerId: provider.id, upstreamModel: "fake-gpt", inputPricePerMTok: 200 * (index + 1), outputPricePerMTok: 400 * (index + 1),
    });
  }
  const team = await adminApi<{ id: string }>(page, "POST", "/api/admin/teams", { name: teamName });
  teamId = team.id;
  const user = await adminApi<{ id: string }>(page, "POST", "/api/admin/users", { email: `billing-${suffix}@e2e.test`, name: "Billing Dev", role: "developer", teamId });
  const key = await adminApi<{ key: string }>(page, "POST", "/api/admin/keys", { userId: user.id, name: `billing key ${suffix}` });
  for (const [model, calls] of [[models[0], 3], [models[1], 2]] as const) {
    for (let i = 0; i < calls; i += 1) {
      const response = await page.request.post("/v1/chat/completions", {
        headers: { authorization: `Bearer ${key.key}` },
        data: { model, max_tokens: 64, messages: [{ role: "user", content: `billing call ${i} with a few more words to count` }] },
      });
      expect(response.status(), await response.text()).toBe(200);
    }
  }
  // Usage is written in batches: wait until the report counts all five calls.
  await expect
    .poll(async () => (await adminApi<Report>(page, "GET", `/api/admin/billing?scope=team&scopeId=${teamId}`)).totals.calls, { timeout: 15_000 })
    .toBe(5);
  await page.close();
});

async function openTeamReport(page: Page): Promise<Report> {
  const report = await adminApi<Report>(page, "GET", `/api/admin/billing?scope=team&scopeId=${teamId}`);
  await page.goto("/billing");
  await expect(page.getByTestId("billing-total-calls-value")).toBeVisible();
  await page.getByTestId("billing-scope-team").click();
  await expect(page.getByTestId("billing-pick")).toBeVisible();
  await page.getByTestId("billing-scope-target").fill(suffix);
  await page.getByTestId("scope-option").filter({ hasText: teamName }).click();
  await expect(page.getByTestId("billing-scope-target")).toHaveValue(teamName);
  await expect(page.getByTestId("billing-total-calls-value")).toHaveText("5");
  return report;
}

test("a team's report shows the API's totals, by model and by team", async ({ page }) => {
  const report = await openTeamReport(page);
  expect(report.byModel.map((line) => line.model).sort()).toEqual([...models].sort());
  expect(report.totals.cost).toBeGreaterThan(0.01);
  await expect(page.getByTestId("billing-total-cost-value")).toHaveText(cents.format(report.totals.cost));
  const modelRows = page.getByTestId("billing-model-row");
  await expect(modelRows).toHaveCount(2);
  for (const line of report.byModel) {
    await expect(modelRows.filter({ hasText: line.model })).toContainText(integer.format(line.calls));
  }
  await expect(page.getByTestId("billing-team-row")).toHaveCount(1);
  await expect(page.getByTestId("billing-team-row")).toContainText(teamName);
  await expect(page.getByTestId("billing-models-table-totals")).toContainText("5");
  await expect(page.getByTestId("billing-chart").locator(".recharts-rectangle").first()).toBeVisible();
  await page.screenshot({ path: shots("billing"), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: shots("billing-1280"), fullPage: true });
});

test("the CSV download and the printable invoice match the report", async ({ page }) => {
  const report = await openTeamReport(page);

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("billing-download-csv").click()]);
  expect(download.suggestedFilename()).toMatch(/^tollgate-billing-team-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = (await readFile(await download.path())).toString("utf8");
  const lines = csv.trimEnd().split("\r\n");
  expect(lines[0]).toBe("day,model,calls,errors,input_tokens,output_tokens,cached_tokens,cost_usd");
  const total = lines.at(-1)!.split(",");
  expect(total[0]).toBe("total");
  expect(Number(total[2])).toBe(5);
  expect(Math.round(Number(total[7]) * 1e6)).toBe(Math.round(report.totals.cost * 1e6));
  for (const model of models) expect(lines.some((line) => line.includes(`,${model},`))).toBe(true);

  await page.getByTestId("billing-open-invoice").click();
  const invoice = page.getByTestId("billing-invoice");
  await expect(invoice).toBeVisible();
  await expect(invoice.getByTestId("invoice-org")).not.toBeEmpty();
  await expect(invoice).toContainText(teamName);
  // Exact to the micro-dollar, whatever number of decimals the statement settled on.
  const invoiceTotal = (await invoice.getByTestId("invoice-total").textContent()) ?? "";
  expect(Math.round(Number(invoiceTotal.replace(/[$,]/g, "")) * 1e6)).toBe(Math.round(report.totals.cost * 1e6));
  await expect(invoice.getByTestId("invoice-lines").locator("tbody tr")).toHaveCount(2);
  await page.screenshot({ path: shots("billing-invoice"), fullPage: true });

  // What window.print() puts on paper: the invoice alone, without the console around it.
  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("navigation", { name: "Console" })).toBeHidden();
  await expect(invoice.getByTestId("invoice-print")).toBeHidden();
  await expect(invoice.getByTestId("invoice-total")).toBeVisible();
  await page.screenshot({ path: shots("billing-invoice-print"), fullPage: true });
  await page.emulateMedia({ media: "screen" });

  await invoice.getByTestId("invoice-close").click();
  await expect(invoice).toBeHidden();
});

test("empty and error states", async ({ page }) => {
  await page.goto("/billing");
  await page.getByTestId("billing-period").selectOption("custom");
  await page.getByTestId("billing-fromDay").fill("2001-01-01");
  await page.getByTestId("billing-toDay").fill("2001-01-31");
  await expect(page.getByTestId("billing-empty")).toBeVisible();
  await expect(page.getByTestId("billing-total-calls-value")).toHaveText("0");
  await page.screenshot({ path: shots("billing-empty"), fullPage: true });

  await page.getByTestId("billing-toDay").fill("2000-12-01");
  await expect(page.getByTestId("billing-filters").getByRole("alert")).toContainText("must not be after");

  await page.route("**/api/admin/billing?**", (route) => route.fulfill({ status: 500, json: { error: { message: "Internal error", code: "internal_error", requestId: "req-e2e" } } }));
  await page.getByTestId("billing-period").selectOption("last-month");
  await expect(page.getByTestId("error-state")).toContainText("Could not load the billing report");
  await page.screenshot({ path: shots("billing-error"), fullPage: true });
});
