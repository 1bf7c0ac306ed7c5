// Limit bars, the limits panel and the near-limit banner are server-rendered with prefetched data
// (the console layout prefetches the user's own limits for the banner). The server cannot know the
// viewer's time zone, so their reset and expiry times must come out in UTC, which is what the
// hydrating render in the browser produces too (LocalTime); the process's own zone must not leak in.
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatDateTime } from "@/lib/charts/format";
import { myLimitsQuery } from "@/lib/query/limits";
import { limitGroups } from "@/lib/quotas/limits-display";
import type { EffectiveLimitsBody } from "@/lib/quotas/schemas";
import { LimitBars } from "./limit-bars";
import { LimitsBanner } from "./limits-banner";
import { LimitsView } from "./limits-panel";

const RESETS = "2026-12-04T00:00:00.000Z";
const FREES = "2026-12-03T10:00:30.000Z";
const EXPIRES = "2027-01-15T08:30:00.000Z";

const limits: EffectiveLimitsBody = {
  subject: { scope: "key", id: "k1", name: "ci", tier: null },
  quotas: [{ scope: "key", scopeId: "k1", scopeName: "ci", period: "daily", kind: "calls", used: 95, limit: 100, remaining: 5, resetsAt: RESETS, periodKey: "daily:2026-12-03", source: "explicit" }],
  rateLimits: [{ scope: "key", scopeId: "k1", scopeName: "ci", kind: "rpm", limit: 10, used: 10, remaining: 0, resetsAt: FREES }],
  keyLimits: { models: null, maxDays: null, expiresAt: EXPIRES },
  near: [{ scope: "key", scopeId: "k1", scopeName: "ci", what: "daily calls", used: 95, limit: 100, ratio: 0.95, resetsAt: RESETS }],
};

/** The HTML without React's text separators. */
const render = (element: Parameters<typeof renderToString>[0]) => renderToString(element).replaceAll("<!-- -->", "");
const utc = (iso: string) => `<time dateTime="${iso}">${formatDateTime(iso, "UTC")}</time>`;

describe("limits rendered on the server", () => {
  const zone = process.env.TZ;
  // Fourteen hours ahead of UTC: any time formatted in the process's zone differs from UTC.
  beforeAll(() => {
    process.env.TZ = "Pacific/Kiritimati";
  });
  afterAll(() => {
    if (zone === undefined) delete process.env.TZ;
    else process.env.TZ = zone;
  });

  it("the process's zone really differs from UTC here", () => {
    expect(formatDateTime(RESETS)).not.toBe(formatDateTime(RESETS, "UTC"));
  });

  it("bars show when a quota resets and a rate limit frees up in UTC", () => {
    const html = render(createElement(LimitBars, { bars: limitGroups(limits)[0].bars }));
    expect(html).toContain(`resets ${utc(RESETS)}`);
    expect(html).toContain(`frees up ${utc(FREES)}`);
  });

  it("the panel shows the key's expiry in UTC", () => {
    const html = render(createElement(LimitsView, { limits }));
    expect(html).toContain(utc(EXPIRES));
  });

  it("the near-limit banner says when the limit resets in UTC", () => {
    const client = new QueryClient();
    client.setQueryData(myLimitsQuery().queryKey, limits);
    const html = render(createElement(QueryClientProvider, { client }, createElement(LimitsBanner)));
    expect(html).toContain("Daily calls of key ci: 95 % used");
    expect(html).toContain(utc(RESETS));
  });
});
