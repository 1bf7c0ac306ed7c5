// Saved playground conversations: a chat is saved as it happens and survives a reload; it is found
// by searching its text, renamed, exported, deleted and imported back; Compare sends one prompt to
// two models side by side with tokens, cost, latency and TTFT under each answer. Photographed at
// desktop and phone widths (test-results/screenshots/conversations-*.png).
import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { E2E } from "../playwright.config";
import { adminApi } from "./support/console-helpers";

const suffix = Date.now().toString(36);
const models = [`conv-a-${suffix}`, `conv-b-${suffix}`];
const shots = (name: string) => `test-results/screenshots/${name}.png`;

test.beforeAll(async ({ browser }) => {
  const page = await browser.newPage();
  const provider = await adminApi<{ id: string }>(page, "POST", "/api/admin/providers", {
    name: `conv-fake-${suffix}`, kind: "openai-compatible", baseUrl: `${E2E.upstreamURL}/v1`, apiKey: E2E.upstreamKey,
  });
  for (const name of models) await adminApi(page, "POST", "/api/admin/models", { name, providerId: provider.id, upstreamModel: "fake-gpt", inputPricePerMTok: 10, outputPricePerMTok: 40 });
  await page.close();
});

test("save a conversation, find it, rename it, export, delete and import it back", async ({ page }) => {
  const prompt = `Plan a trip ${suffix}`;
  await page.goto("/playground");
  await page.getByTestId("new-conversation").click();
  await page.getByTestId("playground-model").selectOption(models[0]);
  await page.getByTestId("chat-input").fill(prompt);
  await page.getByTestId("send-button").click();
  await expect(page.getByTestId("chat-message").last().getByTestId("assistant-content")).toContainText(`Echo: ${prompt}`);
  await expect(page).toHaveURL(/[?&]c=/);

  // The thread is the saved conversation: it is back after a reload, with the answer's meta.
  await page.reload();
  await expect(page.getByTestId("chat-message").last().getByTestId("assistant-content")).toContainText(`Echo: ${prompt}`);
  await expect(page.getByTestId("answer-meta")).toBeVisible();

  const panel = page.getByTestId("conversations-panel");
  await panel.getByTestId("conversation-search").fill(`TRIP ${suffix}`);
  const item = panel.getByTestId("conversation-item").filter({ hasText: prompt });
  await expect(item).toHaveCount(1);
  await panel.getByTestId("conversation-search").fill(`nothing-${suffix}`);
  await expect(panel.getByTestId("no-conversations")).toBeVisible();
  await panel.getByTestId("conversation-search").fill(suffix);

  await item.getByTestId("rename-conversation").click();
  await page.getByTestId("rename-input").fill(`Lisbon ${suffix}`);
  await page.getByTestId("rename-save").click();
  const renamed = panel.getByTestId("conversation-item").filter({ hasText: `Lisbon ${suffix}` });
  await expect(renamed).toHaveCount(1);
  await page.screenshot({ path: shots("conversations-1440"), fullPage: true });

  await renamed.getByRole("checkbox").check();
  const [download] = await Promise.all([page.waitForEvent("download"), panel.getByTestId("export-selected").click()]);
  const file = await download.path();
  const exported = JSON.parse(await readFile(file, "utf8")) as { conversations: { title: string; messages: unknown[] }[] };
  expect(exported.conversations).toHaveLength(1);
  expect(exported.conversations[0]).toMatchObject({ title: `Lisbon ${suffix}`, model: models[0] });
  expect(exported.conversations[0].messages).toHaveLength(2);

  await renamed.getByTestId("delete-conversation").click();
  await page.getByRole("button", { name: "Delete", exact: true }).click();
  await expect(panel.getByTestId("no-conversations")).toBeVisible();

  await panel.getByTestId("import-file").setInputFiles(file);
  await expect(panel.getByTestId("conversation-notice")).toContainText("Imported 1 conversation");
  await expect(panel.getByTestId("conversation-item").filter({ hasText: `Lisbon ${suffix}` })).toHaveCount(1);
  await panel.getByTestId("conversation-item").filter({ hasText: `Lisbon ${suffix}` }).getByTestId("open-conversation").click();
  await expect(page.getByTestId("chat-message").last().getByTestId("assistant-content")).toContainText(`Echo: ${prompt}`);

  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: shots("conversations-390"), fullPage: true });
});

test("compare one prompt across two models, with tokens, cost, latency and TTFT under each answer", async ({ page }) => {
  await page.goto("/playground");
  await page.getByTestId("mode-compare").click();
  await page.getByTestId("compare-model-1").selectOption(models[0]);
  await page.getByTestId("compare-model-2").selectOption(models[1]);
  await page.getByTestId("compare-prompt").fill(`Compare me ${suffix}`);
  await page.getByTestId("compare-run").click();
  const answers = page.getByTestId("compare-answer");
  await expect(answers).toHaveCount(2);
  for (const [index, model] of models.entries()) {
    const answer = answers.nth(index);
    await expect(answer.getByTestId("compare-answer-model")).toHaveText(model);
    await expect(answer.getByTestId("compare-answer-content")).toContainText(`Echo: Compare me ${suffix}`);
    for (const meta of ["meta-tokens-in", "meta-tokens-out", "meta-cost", "meta-latency", "meta-ttft"]) await expect(answer.getByTestId(meta)).toBeVisible();
  }
  await page.screenshot({ path: shots("conversations-compare-1440"), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: shots("conversations-compare-390"), fullPage: true });
});
