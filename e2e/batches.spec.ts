// Batches in the console: a batch created through /v1/files and /v1/batches with a virtual key (as
// the openai SDK does it) shows on the Batches page with its progress, counts and cost while it runs,
// completes, and its output and error files download; another is cancelled from the page. Photographed
// at desktop and phone widths (test-results/screenshots/batches-*.png).
import { expect, test, type Page } from "@playwright/test";
import { E2E } from "../playwright.config";
import { adminApi } from "./support/console-helpers";

const suffix = Date.now().toString(36);
const modelName = `batch-model-${suffix}`;
const shots = (name: string) => `test-results/screenshots/${name}.png`;
let key = "";

function inputFile(lines: number, latencyMs: number, extra: string[] = []): string {
  const requests = Array.from({ length: lines }, (_, i) =>
    JSON.stringify({ custom_id: `row-${i}`, method: "POST", url: "/v1/chat/completions", body: { model: modelName, messages: [{ role: "user", content: `batch ${suffix} ${i} [[fake:latency=${latencyMs}]]` }] } }),
  );
  return [...requests, ...extra].join("\n") + "\n";
}

async function createBatch(page: Page, text: string): Promise<string> {
  const headers = { authorization: `Bearer ${key}` };
  const upload = await page.request.post("/v1/files", { headers, multipart: { purpose: "batch", file: { name: "rows.jsonl", mimeType: "application/jsonl", buffer: Buffer.from(text) } } });
  expect(upload.status(), await upload.text()).toBe(200);
  const file = (await upload.json()) as { id: string };
  const created = await page.request.post("/v1/batches", { headers, data: { input_file_id: file.id, endpoint: "/v1/chat/completions", completion_window: "24h" } });
  expect(created.status(), await created.text()).toBe(200);
  return ((await created.json()) as { id: string }).id;
}

test.beforeAll(async ({ browser }) => {
  const page = await browser.newPage();
  const provider = await adminApi<{ id: string }>(page, "POST", "/api/admin/providers", {
    name: `batch-fake-${suffix}`, kind: "openai-compatible", baseUrl: `${E2E.upstreamURL}/v1`, apiKey: E2E.upstreamKey,
  });
  await adminApi(page, "POST", "/api/admin/models", { name: modelName, providerId: provider.id, upstreamModel: "fake-gpt", inputPricePerMTok: 10, outputPricePerMTok: 40 });
  const users = await adminApi<{ data: { id: string; email: string }[] }>(page, "GET", `/api/admin/users?pageSize=500`);
  const admin = users.data.find((user) => user.email === E2E.adminEmail)!;
  key = (await adminApi<{ key: string }>(page, "POST", "/api/admin/keys", { userId: admin.id, name: `batches-${suffix}` })).key;
  await page.close();
});

test("a batch's progress, counts and cost on the Batches page, then its output and error files", async ({ page }) => {
  const id = await createBatch(page, inputFile(6, 400, ["{not json"]));
  await page.goto("/batches");
  const row = page.locator(`[data-testid="batch-row"][data-batch-id="${id}"]`);
  await expect(row).toBeVisible();
  // While it runs the page refreshes on its own; it ends completed with one malformed line failed.
  await expect(row.getByTestId("batch-status")).toHaveText("completed", { timeout: 30_000 });
  await expect(row.getByTestId("batch-counts")).toContainText("7 / 7");
  await expect(row.getByTestId("batch-counts")).toContainText("1 failed");
  await expect.poll(async () => Number(((await row.getByTestId("batch-cost").textContent()) ?? "").replace(/[^0-9.]/g, ""))).toBeGreaterThan(0);
  await page.screenshot({ path: shots("batches-1440"), fullPage: true });

  const [output] = await Promise.all([page.waitForEvent("download"), row.getByTestId("download-output").click()]);
  const lines = (await (await output.createReadStream()).toArray()).join("").trim().split("\n").map((line) => JSON.parse(line) as { custom_id: string; response: { status_code: number } });
  expect(lines.map((line) => line.custom_id)).toEqual(["row-0", "row-1", "row-2", "row-3", "row-4", "row-5"]);
  expect(lines.every((line) => line.response.status_code === 200)).toBe(true);
  const [errors] = await Promise.all([page.waitForEvent("download"), row.getByTestId("download-error").click()]);
  const error = JSON.parse((await (await errors.createReadStream()).toArray()).join("").trim()) as { error: { code: string; line: number } };
  expect(error.error).toMatchObject({ code: "invalid_request", line: 7 });

  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: shots("batches-390"), fullPage: true });
});

test("cancel a running batch from the page", async ({ page }) => {
  const id = await createBatch(page, inputFile(40, 700));
  await page.goto("/batches");
  const row = page.locator(`[data-testid="batch-row"][data-batch-id="${id}"]`);
  await expect(row.getByTestId("batch-status")).toHaveText("in progress", { timeout: 20_000 });
  await row.getByTestId("cancel-batch").click();
  await page.getByRole("button", { name: "Cancel batch" }).click();
  await expect(row.getByTestId("batch-status")).toHaveText("cancelled", { timeout: 30_000 });
  await expect(row.getByTestId("batch-counts")).toContainText("40 / 40");
  await expect(row.getByTestId("download-error")).toBeVisible();
});
