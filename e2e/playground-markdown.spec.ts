// The playground as people use it: an answer's Markdown rendered (bold, links that open in a new
// tab without an opener, a code block with its language and a Copy button) while HTML the model
// writes stays text and never runs; the thread is still there after going to another page and
// back; a viewer reads but cannot spend (the page says so, the send button is off, the endpoint
// refuses with 403). Screenshots at 1440 and 390 px.
import { expect, test } from "@playwright/test";
import { E2E } from "../playwright.config";
import { adminApi, signInAs } from "./support/console-helpers";

const suffix = Date.now().toString(36);
const modelName = `md-model-${suffix}`;
const viewer = { email: `md-viewer-${suffix}@e2e.test`, name: `Markdown Viewer ${suffix}`, password: "md-viewer-password-1" };
const shots = (name: string) => `test-results/screenshots/${name}.png`;

// The fake upstream answers "Echo: <prompt>", streamed a word at a time: the prompt is the answer's Markdown.
const prompt = [
  `Answer ${suffix} with **bold words** and [the docs](https://example.com/docs).`,
  "",
  "```python",
  'print("hello from tollgate")',
  "```",
  "",
  "- first item",
  "- second item",
  "",
  "<script>window.__pwned = true</script><img src=x onerror=\"window.__pwned = true\">",
].join("\n");

test.beforeAll(async ({ browser }) => {
  const page = await browser.newPage();
  const provider = await adminApi<{ id: string }>(page, "POST", "/api/admin/providers", {
    name: `md-fake-${suffix}`, kind: "openai-compatible", baseUrl: `${E2E.upstreamURL}/v1`, apiKey: E2E.upstreamKey,
  });
  await adminApi(page, "POST", "/api/admin/models", { name: modelName, providerId: provider.id, upstreamModel: "fake-gpt", inputPricePerMTok: 1, outputPricePerMTok: 2 });
  await adminApi(page, "POST", "/api/admin/users", { ...viewer, role: "viewer" });
  await page.close();
});

test("an answer's Markdown is rendered safely, with a copyable code block, and the thread survives navigation", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.goto("/playground");
  await page.getByTestId("new-conversation").click();
  await page.getByTestId("playground-model").selectOption(modelName);
  await page.getByTestId("chat-input").fill(prompt);
  await page.getByTestId("send-button").click();

  const answer = page.getByTestId("chat-message").last().getByTestId("assistant-content");
  await expect(answer).toContainText("print(\"hello from tollgate\")");
  await expect(page.getByTestId("chat-message").last()).toHaveAttribute("data-status", "done");
  await expect(answer.locator("strong")).toHaveText("bold words");
  const link = answer.getByRole("link", { name: "the docs" });
  await expect(link).toHaveAttribute("href", "https://example.com/docs");
  await expect(link).toHaveAttribute("target", "_blank");
  await expect(link).toHaveAttribute("rel", /noopener/);
  await expect(answer.locator("li")).toHaveText(["first item", "second item"]);
  const block = answer.getByTestId("markdown-code-block");
  await expect(block).toHaveAttribute("data-language", "python");
  // The model's HTML is shown as text: no element made of it, nothing ran.
  await expect(answer).toContainText("<script>window.__pwned = true</script>");
  await expect(answer.locator("script, img")).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: boolean }).__pwned)).toBeUndefined();

  await block.getByTestId("markdown-copy-code").click();
  await expect(block.getByTestId("markdown-copy-code")).toHaveText("Copied");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('print("hello from tollgate")');
  await page.screenshot({ path: shots("playground-markdown-1440"), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await block.scrollIntoViewIfNeeded();
  await expect(block).toBeVisible();
  // The answer itself at phone width (the page scrolls inside its panes, so a full-page shot would not show it).
  await page.getByTestId("chat-message").last().screenshot({ path: shots("playground-markdown-390") });
  await page.setViewportSize({ width: 1440, height: 900 });

  // Away to another page and back through the menu: the same thread, rendered again.
  await page.getByTestId("nav-dashboard").click();
  await expect(page).toHaveURL(/\/dashboard/);
  await page.getByTestId("nav-playground").click();
  await expect(page).toHaveURL(/\/playground\?c=/);
  await expect(page.getByTestId("chat-message").last().getByTestId("assistant-content").locator("strong")).toHaveText("bold words");
  await expect(page.getByTestId("chat-message").filter({ hasText: `Answer ${suffix}` }).first()).toBeVisible();
});

test("a viewer reads the playground but cannot spend: a notice, no send button, and a 403 from the endpoint", async ({ browser }) => {
  const page = await signInAs(browser, viewer);
  await page.goto("/playground");
  await expect(page.getByTestId("viewer-notice")).toContainText("not call models");
  await expect(page.getByTestId("chat-input")).toBeDisabled();
  await expect(page.getByTestId("chat-input")).toHaveAttribute("placeholder", "Viewers cannot send messages");
  await expect(page.getByTestId("send-button")).toBeDisabled();
  await page.screenshot({ path: shots("playground-viewer-1440"), fullPage: true });
  // Straight to the endpoint, from the console's own origin: refused before any model is called.
  const refused = await page.evaluate(async (model) => {
    const response = await fetch("/api/playground/chat", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ model, messages: [{ role: "user", content: "spend anyway" }] }),
    });
    return { status: response.status, body: (await response.json()) as { error: { code: string } } };
  }, modelName);
  expect(refused.status).toBe(403);
  expect(refused.body.error.code).toBe("viewer_read_only");
  await page.context().close();
});
