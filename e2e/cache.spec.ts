// The response cache end to end, as the issue tells it: an admin turns the cache on in the Cache
// page's settings, warms it from an uploaded file (a malformed line is reported by its number, the
// cost is shown before the start) and watches the job's progress to the end; the playground then
// answers one of those prompts from the cache, and the dashboard's cost saved grows. The page is
// also photographed at desktop and phone widths (test-results/screenshots/cache-*.png).
import { expect, test, type Page } from "@playwright/test";
import { E2E } from "../playwright.config";
import { adminApi, signInAs } from "./support/console-helpers";

const suffix = Date.now().toString(36);
const modelName = `cache-model-${suffix}`;
const prompts = [`What is Tollgate ${suffix}?`, `How do I rotate a key ${suffix}?`, `Where are prices set ${suffix}?`];
const teamName = `cache-team-${suffix}`;
const shots = (name: string) => `test-results/screenshots/${name}.png`;

// A CSV export as an FAQ tool would write it: a header, quoted prompts, and one broken row (line 4).
const faqCsv = ["prompt,topic", `"${prompts[0]}",intro`, `"${prompts[1]}",keys`, `"broken quote"x,oops`, `"${prompts[2]}",models`].join("\n");

async function costSaved(page: Page): Promise<number> {
  const text = (await page.getByTestId("dashboard-cost-saved").textContent()) ?? "";
  return Number(text.replace(/[^0-9.]/g, ""));
}

test.beforeAll(async ({ browser }) => {
  const page = await browser.newPage();
  const provider = await adminApi<{ id: string }>(page, "POST", "/api/admin/providers", {
    name: `cache-fake-${suffix}`, kind: "openai-compatible", baseUrl: `${E2E.upstreamURL}/v1`, apiKey: E2E.upstreamKey,
  });
  // Priced so that a saved answer shows on the dashboard, while each warm-up call's worst case
  // (4,096 answer tokens) stays inside the free tier's $10 a month that the admin's calls count against.
  await adminApi(page, "POST", "/api/admin/models", { name: modelName, providerId: provider.id, upstreamModel: "fake-gpt", inputPricePerMTok: 10, outputPricePerMTok: 40 });
  await adminApi(page, "POST", "/api/admin/teams", { name: teamName });
  await page.close();
});

// The specs share one database: the specs after this one expect every call to reach the upstream.
test.afterAll(async ({ browser }) => {
  const page = await browser.newPage();
  await adminApi(page, "PUT", "/api/admin/cache/settings", { enabled: false });
  await page.close();
});

test("warm the cache from a file, watch the progress, then a cache hit in the playground and more cost saved on the dashboard", async ({ page }) => {
  // 1. Turn the cache on, in the settings form.
  await page.goto("/cache?tab=settings");
  const settings = page.getByTestId("cache-settings-form");
  await expect(settings).toBeVisible();
  await expect(settings.getByLabel("Embedding model")).toContainText("lexical similarity, not meaning");
  await settings.getByLabel("Cache answers").check();
  await settings.getByLabel("Shared within").selectOption("team");
  await expect(settings.getByLabel("Store an answer")).toHaveValue("repeated");
  await page.getByTestId("cache-settings-save").click();
  await expect(page.getByTestId("toast")).toContainText("Cache settings saved");

  // The dashboard's figure before the warm-up.
  await page.goto("/dashboard");
  await expect(page.getByTestId("kpi-calls-value")).toBeVisible();
  const before = (await page.getByTestId("dashboard-cost-saved").count()) > 0 ? await costSaved(page) : 0;

  // 2. Upload the file, see the bad line and the cost, start, and watch it finish.
  await page.goto("/cache?tab=warmup");
  // The model list is fetched by the hydrated page: once it is there, the file input has its handler.
  await expect(page.getByTestId("warmup-model").locator("option", { hasText: modelName })).toBeAttached();
  await page.getByTestId("warmup-file-input").setInputFiles({ name: "faq.csv", mimeType: "text/csv", buffer: Buffer.from(faqCsv) });
  await expect(page.getByTestId("warmup-file")).toContainText("faq.csv");
  await expect(page.getByTestId("warmup-format")).toHaveValue("csv");
  await page.getByTestId("warmup-model").selectOption(modelName);
  await page.getByTestId("warmup-estimate-button").click();
  await expect(page.getByTestId("warmup-estimate-total")).toHaveText("3");
  await expect(page.getByTestId("warmup-estimate-max")).toContainText("$");
  await expect(page.getByTestId("warmup-line-errors")).toContainText("Line 4: Malformed CSV");
  await page.screenshot({ path: shots("cache-warmup-estimate"), fullPage: true });
  await page.getByTestId("warmup-start").click();

  const detail = page.getByTestId("warmup-job-detail");
  await expect(detail).toBeVisible();
  await expect(detail.getByTestId("warmup-progress")).toHaveAttribute("aria-valuemax", "3");
  await expect(detail.getByTestId("warmup-status")).toHaveText("Done", { timeout: 30_000 });
  await expect(detail.getByTestId("warmup-progress")).toHaveAttribute("aria-valuenow", "3");
  await expect(detail.getByTestId("warmup-done")).toHaveText("3");
  await expect(detail.getByTestId("warmup-item-row")).toHaveCount(3);
  await expect(detail.getByTestId("warmup-item-status").first()).toHaveText("done");
  await expect(page.getByTestId("warmup-job-row").first()).toContainText(modelName);
  await page.screenshot({ path: shots("cache-warmup-done"), fullPage: true });

  // The entries are in the browser, marked as warm-up.
  await page.getByTestId("cache-tab-entries").click();
  await page.getByTestId("cache-entries-search").fill(suffix);
  await expect(page.getByTestId("cache-entry-row")).toHaveCount(3);
  await expect(page.getByTestId("cache-entry-row").first()).toContainText("Warm-up");

  // A question–answer pair imported straight into the cache (no upstream call), bad line reported.
  const importCard = page.getByTestId("import-pairs");
  await importCard.getByLabel("Pairs").fill(`question,answer\n"Is there an SLA ${suffix}?","Yes: 99.9 %."\n,"no question"\n`);
  await importCard.getByLabel("Model").selectOption(modelName);
  await page.getByTestId("pairs-team").selectOption({ label: teamName });
  await expect(page.getByTestId("pairs-line-errors")).toContainText("Line 3: The question is empty.");
  await page.getByTestId("pairs-import").click();
  await expect(page.getByTestId("pairs-progress")).toContainText("Imported 1 of 1 pairs");
  await expect(page.getByTestId("cache-entry-row")).toHaveCount(4);
  await expect(page.getByTestId("cache-entry-row").filter({ hasText: "Is there an SLA" })).toContainText("Imported");

  // 3. The playground answers a warmed prompt from the cache.
  await page.goto("/playground");
  await page.getByTestId("playground-model").selectOption(modelName);
  await page.getByTestId("chat-input").fill(prompts[1]);
  await page.getByTestId("send-button").click();
  await expect(page.getByTestId("assistant-content").last()).toContainText(prompts[1]);
  await expect(page.getByTestId("meta-cache").last()).toContainText("hit");
  await page.screenshot({ path: shots("cache-playground-hit"), fullPage: true });

  // 4. The dashboard's cost saved grows by what that answer would have cost.
  await page.goto("/dashboard");
  await expect
    .poll(
      async () => {
        await page.getByTestId("dashboard-refresh").click();
        return (await page.getByTestId("dashboard-cost-saved").count()) > 0 ? costSaved(page) : 0;
      },
      { timeout: 20_000 },
    )
    .toBeGreaterThan(before);
  await page.getByTestId("chart-cache-savings").scrollIntoViewIfNeeded();
  await page.screenshot({ path: shots("cache-dashboard-saved"), fullPage: true });
});

test("the Cache page at desktop and phone widths", async ({ page }) => {
  for (const [width, height, label] of [
    [1440, 900, "desktop"],
    [390, 844, "phone"],
  ] as const) {
    await page.setViewportSize({ width, height });
    for (const tab of ["overview", "settings", "entries", "shadow", "warmup"]) {
      await page.goto(`/cache?tab=${tab}`);
      await expect(page.getByTestId(`cache-tab-${tab}`)).toHaveAttribute("aria-selected", "true");
      await expect(page.getByTestId("loading")).toHaveCount(0);
      await page.screenshot({ path: shots(`cache-${label}-${tab}`), fullPage: true });
    }
  }
});

test("a viewer reads the Cache page but changes nothing", async ({ page, browser }) => {
  const viewer = { email: `cache-viewer-${suffix}@e2e.test`, password: "cache-viewer-password-1" };
  await adminApi(page, "POST", "/api/admin/users", { ...viewer, name: `Cache Viewer ${suffix}`, role: "viewer" });
  const reader = await signInAs(browser, viewer);
  await reader.goto("/cache?tab=settings");
  await expect(reader.getByTestId("cache-settings-form")).toBeVisible();
  await expect(reader.getByTestId("cache-settings-save")).toHaveCount(0);
  await expect(reader.getByTestId("cache-settings-form").getByLabel("Cache answers")).toBeDisabled();
  await reader.getByTestId("cache-tab-warmup").click();
  await expect(reader.getByTestId("warmup-jobs-table")).toBeVisible();
  await expect(reader.getByTestId("warmup-form")).toHaveCount(0);
  await reader.getByTestId("cache-tab-entries").click();
  await expect(reader.getByTestId("cache-purge")).toHaveCount(0);
  await expect(reader.getByTestId("import-pairs")).toHaveCount(0);
  await reader.context().close();
});
