"use client";
// A model's answer as Markdown (GitHub flavour: tables, task lists, strikethrough, autolinks), safe
// to show whatever the model wrote: raw HTML is shown as text, never parsed (react-markdown turns
// it into text without rehype-raw); link targets go through react-markdown's URL filter
// (javascript:, data: and the like are dropped) and open in a new tab with rel="noopener
// noreferrer nofollow"; images are not loaded (a remote image would tell its server who read the
// answer and when), they are shown as a link. Fenced code blocks get their language and a Copy
// button. It renders on every streamed chunk: an unclosed fence is a code block until it closes.
import { memo, type ComponentPropsWithoutRef, type ReactNode } from "react";
import ReactMarkdown, { type Components } from "react-markdown";
import remarkGfm from "remark-gfm";
import { cn } from "@/components/ui/cn";
import { CopyButton } from "@/components/ui/copy-button";

const LINK = "font-medium text-indigo-600 underline decoration-indigo-300 underline-offset-2 hover:text-indigo-500";

/** The text of a rendered node tree (a code block's children are strings and spans). */
function textOf(node: ReactNode): string {
  if (node === null || node === undefined || typeof node === "boolean") return "";
  if (typeof node === "string" || typeof node === "number") return String(node);
  if (Array.isArray(node)) return node.map(textOf).join("");
  if (typeof node === "object" && "props" in node) return textOf((node.props as { children?: ReactNode }).children);
  return "";
}

function CodeBlock({ children }: ComponentPropsWithoutRef<"pre">) {
  // react-markdown renders a fence as <pre><code class="language-x">…</code></pre>.
  const code = Array.isArray(children) ? children[0] : children;
  const className = typeof code === "object" && code && "props" in code ? String((code.props as { className?: string }).className ?? "") : "";
  const language = /language-([\w+#.-]+)/.exec(className)?.[1] ?? null;
  const text = textOf(children).replace(/\n$/, "");
  return (
    <div className="my-3 overflow-hidden rounded-md border border-slate-200 bg-slate-50" data-testid="markdown-code-block" data-language={language ?? undefined}>
      <div className="flex items-center justify-between gap-2 border-b border-slate-200 px-3 py-1">
        <span className="font-mono text-xs text-slate-500">{language ?? "code"}</span>
        <CopyButton text={text} label={`Copy ${language ?? "code"}`} testId="markdown-copy-code" className="h-6 px-2 text-xs" />
      </div>
      <pre className="overflow-x-auto p-3 font-mono text-xs leading-relaxed whitespace-pre text-slate-800">{children}</pre>
    </div>
  );
}

const components: Components = {
  pre: CodeBlock,
  code: ({ className, children }) =>
    // Inside a fence the block styles it; inline code gets a tint of its own.
    className?.startsWith("language-") ? (
      <code className={className}>{children}</code>
    ) : (
      <code className="rounded bg-slate-100 px-1 py-0.5 font-mono text-[0.85em] text-slate-800">{children}</code>
    ),
  a: ({ href, children }) =>
    href ? (
      <a href={href} target="_blank" rel="noopener noreferrer nofollow" className={LINK}>
        {children}
      </a>
    ) : (
      <span>{children}</span>
    ),
  img: ({ src, alt }) =>
    typeof src === "string" && src ? (
      <a href={src} target="_blank" rel="noopener noreferrer nofollow" className={LINK} data-testid="markdown-image-link">
        {alt || "image"}
      </a>
    ) : (
      <span>{alt}</span>
    ),
  p: ({ children }) => <p className="my-2 first:mt-0 last:mb-0">{children}</p>,
  ul: ({ children, className }) => <ul className={cn("my-2 pl-5", className?.includes("contains-task-list") ? "list-none pl-1" : "list-disc")}>{children}</ul>,
  ol: ({ children, start }) => (
    <ol start={start} className="my-2 list-decimal pl-5">
      {children}
    </ol>
  ),
  li: ({ children }) => <li className="my-0.5">{children}</li>,
  h1: ({ children }) => <h3 className="mt-4 mb-2 text-base font-semibold text-slate-900 first:mt-0">{children}</h3>,
  h2: ({ children }) => <h4 className="mt-4 mb-2 text-sm font-semibold text-slate-900 first:mt-0">{children}</h4>,
  h3: ({ children }) => <h5 className="mt-3 mb-1.5 text-sm font-semibold text-slate-900 first:mt-0">{children}</h5>,
  h4: ({ children }) => <h6 className="mt-3 mb-1 text-sm font-medium text-slate-900 first:mt-0">{children}</h6>,
  h5: ({ children }) => <h6 className="mt-3 mb-1 text-sm font-medium text-slate-900 first:mt-0">{children}</h6>,
  h6: ({ children }) => <h6 className="mt-3 mb-1 text-sm font-medium text-slate-700 first:mt-0">{children}</h6>,
  blockquote: ({ children }) => <blockquote className="my-2 border-l-2 border-slate-300 pl-3 text-slate-600">{children}</blockquote>,
  hr: () => <hr className="my-3 border-slate-200" />,
  table: ({ children }) => (
    <div className="my-3 overflow-x-auto">
      <table className="min-w-full border-collapse text-left text-xs">{children}</table>
    </div>
  ),
  th: ({ children, style }) => (
    <th style={style} className="border border-slate-200 bg-slate-50 px-2 py-1 font-semibold text-slate-700">
      {children}
    </th>
  ),
  td: ({ children, style }) => (
    <td style={style} className="border border-slate-200 px-2 py-1 align-top">
      {children}
    </td>
  ),
};

const REMARK_PLUGINS = [remarkGfm];

/** An answer's Markdown; re-rendered only when its text changes (not on every thread update). */
export const MarkdownAnswer = memo(function MarkdownAnswer({ text, className, testId }: { text: string; className?: string; testId?: string }) {
  return (
    <div className={cn("text-sm break-words text-slate-800", className)} data-testid={testId} data-markdown="">
      <ReactMarkdown remarkPlugins={REMARK_PLUGINS} components={components}>
        {text}
      </ReactMarkdown>
    </div>
  );
});
