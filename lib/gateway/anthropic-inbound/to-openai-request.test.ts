import { describe, expect, it } from "vitest";
import type { AnthropicMessagesRequest } from "./messages-request";
import { toCanonicalRequest } from "./to-openai-request";

const base = { model: "claude-x", max_tokens: 256 } as const;

describe("toCanonicalRequest", () => {
  it("carries the system prompt, turns, sampling, stops and the user as OpenAI fields", () => {
    const request: AnthropicMessagesRequest = {
      ...base,
      system: [{ type: "text", text: "Be brief.", cache_control: { type: "ephemeral" } }, { type: "text", text: "Answer in French." }],
      messages: [
        { role: "user", content: "Hi" },
        { role: "assistant", content: [{ type: "text", text: "Bonjour" }] },
        { role: "user", content: [{ type: "text", text: "Encore", cache_control: { type: "ephemeral" } }] },
      ],
      temperature: 0.2,
      top_p: 0.9,
      stop_sequences: ["END"],
      metadata: { user_id: "u-42" },
      stream: true,
    };
    const { request: canonical, untranslatable, cacheable } = toCanonicalRequest(request);
    expect(canonical).toEqual({
      model: "claude-x",
      messages: [
        { role: "system", content: [{ type: "text", text: "Be brief." }, { type: "text", text: "Answer in French." }] },
        { role: "user", content: "Hi" },
        { role: "assistant", content: "Bonjour" },
        { role: "user", content: [{ type: "text", text: "Encore" }] },
      ],
      max_tokens: 256,
      stream: true,
      temperature: 0.2,
      top_p: 0.9,
      stop: ["END"],
      user: "u-42",
    });
    expect(untranslatable).toBeNull();
    // cache_control and metadata do not change the answer: still cacheable
    expect(cacheable).toBe(true);
  });

  it("turns tool use into tool calls and tool results into tool messages, images a tool returned after them", () => {
    const { request } = toCanonicalRequest({
      ...base,
      tools: [{ name: "get_weather", description: "Weather", input_schema: { type: "object", properties: { city: { type: "string" } } } }],
      tool_choice: { type: "tool", name: "get_weather", disable_parallel_tool_use: true },
      messages: [
        { role: "user", content: "Weather in Paris?" },
        {
          role: "assistant",
          content: [
            { type: "thinking", thinking: "The user wants weather.", signature: "sig" },
            { type: "text", text: "Checking." },
            { type: "tool_use", id: "toolu_1", name: "get_weather", input: { city: "Paris" } },
          ],
        },
        {
          role: "user",
          content: [
            {
              type: "tool_result",
              tool_use_id: "toolu_1",
              content: [
                { type: "text", text: "18°C" },
                { type: "image", source: { type: "base64", media_type: "image/png", data: "AAAA" } },
              ],
            },
            { type: "text", text: "And tomorrow?" },
          ],
        },
      ],
    });
    expect(request.tools).toEqual([
      { type: "function", function: { name: "get_weather", description: "Weather", parameters: { type: "object", properties: { city: { type: "string" } } } } },
    ]);
    expect(request.tool_choice).toEqual({ type: "function", function: { name: "get_weather" } });
    expect(request.parallel_tool_calls).toBe(false);
    expect(request.messages).toEqual([
      { role: "user", content: "Weather in Paris?" },
      { role: "assistant", content: "Checking.", tool_calls: [{ id: "toolu_1", type: "function", function: { name: "get_weather", arguments: '{"city":"Paris"}' } }] },
      { role: "tool", tool_call_id: "toolu_1", content: "18°C" },
      { role: "user", content: [{ type: "image_url", image_url: { url: "data:image/png;base64,AAAA" } }, { type: "text", text: "And tomorrow?" }] },
    ]);
  });

  it("maps the other tool choices and image URLs", () => {
    const tools = [{ name: "t", input_schema: { type: "object" } }];
    const choice = (type: "auto" | "any" | "none") => toCanonicalRequest({ ...base, tools, tool_choice: { type }, messages: [{ role: "user", content: "x" }] }).request.tool_choice;
    expect([choice("auto"), choice("any"), choice("none")]).toEqual(["auto", "required", "none"]);
    const { request } = toCanonicalRequest({ ...base, messages: [{ role: "user", content: [{ type: "image", source: { type: "url", url: "https://example.test/cat.png" } }] }] });
    expect(request.messages[0].content).toEqual([{ type: "image_url", image_url: { url: "https://example.test/cat.png" } }]);
  });

  it("names the first field other providers cannot take, and still counts its text", () => {
    const pdf = toCanonicalRequest({
      ...base,
      messages: [{ role: "user", content: [{ type: "document", title: "Report", source: { type: "base64", media_type: "application/pdf", data: "JVBERi0=" } }, { type: "text", text: "Summarize" }] }],
    });
    expect(pdf.untranslatable).toBe("messages.0.content.0.source");
    expect(pdf.cacheable).toBe(false);
    // the base64 payload is not counted as text; the title is
    expect(pdf.request.messages[0].content).toEqual([{ type: "text", text: "Report" }, { type: "text", text: "Summarize" }]);

    const plain = toCanonicalRequest({ ...base, messages: [{ role: "user", content: [{ type: "document", source: { type: "text", media_type: "text/plain", data: "The text." } }] }] });
    expect(plain.untranslatable).toBeNull();
    expect(plain.request.messages[0].content).toEqual([{ type: "text", text: "The text." }]);

    const serverTool = toCanonicalRequest({ ...base, tools: [{ type: "web_search_20250305", name: "web_search" }], messages: [{ role: "user", content: "news?" }] });
    expect(serverTool.untranslatable).toBe("tools.0.type");
    expect(toCanonicalRequest({ ...base, mcp_servers: [{ type: "url", url: "https://mcp.test", name: "m" }], messages: [{ role: "user", content: "x" }] }).untranslatable).toBe("mcp_servers");
    const serverResult = toCanonicalRequest({
      ...base,
      messages: [
        { role: "user", content: "search" },
        { role: "assistant", content: [{ type: "server_tool_use", id: "srvtoolu_1", name: "web_search", input: { query: "q" } }] },
      ],
    });
    expect(serverResult.untranslatable).toBe("messages.1.content.0.type");
  });

  it("is not cacheable with fields the canonical form leaves out (thinking, top_k)", () => {
    const messages = [{ role: "user" as const, content: "x" }];
    expect(toCanonicalRequest({ ...base, messages, thinking: { type: "enabled", budget_tokens: 1024 } })).toMatchObject({ untranslatable: null, cacheable: false });
    expect(toCanonicalRequest({ ...base, messages, top_k: 5 })).toMatchObject({ untranslatable: null, cacheable: false });
    expect(toCanonicalRequest({ ...base, messages, metadata: { user_id: "u" } }).cacheable).toBe(true);
  });
});
