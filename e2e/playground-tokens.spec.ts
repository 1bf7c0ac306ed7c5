// The playground's live count: as one types, the prompt's tokens and the call's worst-case cost
// appear under the composer and follow the text, the max tokens setting and the conversation, as
// the gateway counts them (POST /api/playground/tokens, the same count as POST /v1/tokens/count);
// a prompt longer than the model's context window says so. Screenshots at 1440 and 390 px.
import { expect, test, type Page, type Response } from "@playwright/test";
import { E2E } from "../playwright.config";
import { formatCurrency, formatNumber } from "../lib/charts/format";
import { adminApi } from "./support/console-helpers";

const suffix = Date.now().toString(36);
const modelName = `e2e-count-${suffix}`;
const shots = (name: string) => `test-results/screenshots/${name}.png`;

interface Count {
  input_tokens: number;
  context_window: number | null;
  fits: boolean | null;
  max_cost: number;
}

test.beforeAll(async ({ browser }) => {
  const page = await browser.newPage();
  const provider = await adminApi<{ id: string }>(page, "POST", "/api/admin/providers", {
    name: `count-${suffix}`, kind: "openai-compatible", baseUrl: `${E2E.upstreamURL}/v1`, apiKey: E2E.upstreamKey,
  });
  // $2 per 1M input tokens, $8 per 1M output; 400 tokens of context, 300 of output at most.
  await adminApi(page, "POST", "/api/admin/models", {
    name: modelName, providerId: provider.id, upstreamModel: "fake-gpt", inputPricePerMTok: 2, outputPricePerMTok: 8, contextWindow: 400, maxOutputTokens: 300,
  });
  await page.close();
});

/** The next count the page asks the gateway for. */
function nextCount(page: Page): Promise<Response> {
  return page.waitForResponse((response) => response.url().endsWith("/api/playground/tokens") && response.request().method() === "POST");
}

async function expectShown(page: Page, count: Count): Promise<void> {
  await expect(page.getByTestId("prompt-tokens")).toHaveText(formatNumber(count.input_tokens));
  await expect(page.getByTestId("prompt-max-cost")).toHaveText(formatCurrency(count.max_cost));
}

test("the prompt's tokens and worst-case cost update as one types", async ({ page }) => {
  await page.goto("/playground");
  await page.getByTestId("playground-model").selectOption(modelName);
  await expect(page.getByTestId("prompt-count")).toHaveCount(0);

  const input = page.getByTestId("chat-input");
  let counted = nextCount(page);
  await input.pressSequentially("Hello there", { delay: 20 });
  const first = (await (await counted).json()) as Count;
  await expectShown(page, first);
  // No max tokens set: the worst case is the model's 300 output tokens.
  expect(first.max_cost).toBeCloseTo((first.input_tokens * 2 + 300 * 8) / 1e6, 9);
  expect(first).toMatchObject({ context_window: 400, fits: true });
  await page.screenshot({ path: shots("playground-count-1440"), fullPage: true });

  counted = nextCount(page);
  await input.pressSequentially(", how many tokens does this longer question take?", { delay: 10 });
  const longer = (await (await counted).json()) as Count;
  expect(longer.input_tokens).toBeGreaterThan(first.input_tokens);
  await expectShown(page, longer);

  counted = nextCount(page);
  await page.getByLabel("Max tokens").fill("100");
  const capped = (await (await counted).json()) as Count;
  expect(capped.input_tokens).toBe(longer.input_tokens);
  expect(capped.max_cost).toBeCloseTo((capped.input_tokens * 2 + 100 * 8) / 1e6, 9);
  await expectShown(page, capped);

  // Sent: the count goes away with the draft, and the next draft is counted with the conversation.
  await page.getByTestId("send-button").click();
  await expect(page.getByTestId("chat-message").filter({ has: page.getByTestId("answer-meta") })).toHaveCount(1);
  await expect(page.getByTestId("prompt-count")).toHaveCount(0);
  counted = nextCount(page);
  await input.pressSequentially("And again", { delay: 20 });
  const followUp = (await (await counted).json()) as Count;
  expect(followUp.input_tokens).toBeGreaterThan(capped.input_tokens);
  await expectShown(page, followUp);

  // Past the context window
  counted = nextCount(page);
  await input.fill("word ".repeat(400));
  expect(((await (await counted).json()) as Count).fits).toBe(false);
  await expect(page.getByTestId("prompt-too-long")).toContainText("over the context window of 400 tokens");
  await page.screenshot({ path: shots("playground-count-too-long-1440"), fullPage: true });
});

test("the count fits a phone's width", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/playground");
  await page.getByTestId("playground-model").selectOption(modelName);
  const counted = nextCount(page);
  await page.getByTestId("chat-input").pressSequentially("Counting on a phone", { delay: 20 });
  await expectShown(page, (await (await counted).json()) as Count);
  const box = await page.getByTestId("prompt-count").boundingBox();
  expect(box!.x + box!.width).toBeLessThanOrEqual(390);
  await page.getByTestId("chat-input").scrollIntoViewIfNeeded();
  await page.screenshot({ path: shots("playground-count-390"), fullPage: true });
});
