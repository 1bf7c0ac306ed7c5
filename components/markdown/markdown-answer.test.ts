// What a model's answer turns into: Markdown rendered, nothing a model writes can run or load.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { MarkdownAnswer } from "./markdown-answer";

const render = (text: string) => renderToStaticMarkup(createElement(MarkdownAnswer, { text }));

describe("MarkdownAnswer", () => {
  it("renders emphasis, lists, tables and inline code", () => {
    const html = render("Some **bold** and `code`.\n\n- one\n- two\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n~~gone~~");
    expect(html).toContain("<strong>bold</strong>");
    expect(html).toMatch(/<code class="[^"]*">code<\/code>/);
    expect(html).toMatch(/<ul class="[^"]*list-disc[^"]*">\s*<li[^>]*>one<\/li>/);
    expect(html).toContain("<table");
    expect(html).toMatch(/<td[^>]*>1<\/td>/);
    expect(html).toContain("<del>gone</del>");
  });

  it("gives a fenced code block its language and a copy button, and keeps an unclosed fence (streaming) a code block", () => {
    const html = render("Run:\n\n```python\nprint('<hi>')\n```\n");
    expect(html).toContain('data-testid="markdown-code-block" data-language="python"');
    expect(html).toContain('aria-label="Copy python"');
    expect(html).toContain("print(&#x27;&lt;hi&gt;&#x27;)");
    const streaming = render("```ts\nconst a = 1;\nconst b");
    expect(streaming).toContain('data-language="ts"');
    expect(streaming).toContain("const b");
  });

  it("shows raw HTML as text and never as elements", () => {
    const html = render('Hello <script>alert(1)</script> <img src=x onerror="alert(2)"> <b>bold</b>');
    expect(html).not.toContain("<script");
    expect(html).not.toContain("<img");
    expect(html).not.toContain("<b>");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
  });

  it("opens links in a new tab without an opener, drops javascript: targets, and does not load images", () => {
    const html = render("[docs](https://example.com/docs) [bad](javascript:alert(1)) ![chart](https://tracker.example/p.png) <https://auto.example>");
    expect(html).toContain('<a href="https://example.com/docs" target="_blank" rel="noopener noreferrer nofollow"');
    expect(html).toContain('href="https://auto.example"');
    expect(html).not.toContain("javascript:");
    expect(html).not.toContain("<img");
    expect(html).toMatch(/<a href="https:\/\/tracker\.example\/p\.png"[^>]*data-testid="markdown-image-link">chart<\/a>/);
  });
});
