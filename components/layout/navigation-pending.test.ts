// When a navigation counts as under way for the progress bar: from Next.js's transition start until
// a commit shows the page asked for, or another one (a redirect, a later navigation).
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { navigationCommitted, navigationPending, navigationStarted } from "./navigation-pending";

// The browser's location, as far as the store reads it (pathname, search, href); the router updates
// it on commit, which the tests do by hand.
const saved = Object.getOwnPropertyDescriptor(globalThis, "location");
let shown: URL;
Object.defineProperty(globalThis, "location", { configurable: true, get: () => shown });
const show = (path: string) => {
  shown = new URL(path, "http://console.test");
  navigationCommitted();
};

beforeEach(() => {
  shown = new URL("http://console.test/dashboard");
  navigationCommitted();
});
afterAll(() => {
  if (saved) Object.defineProperty(globalThis, "location", saved);
  else Reflect.deleteProperty(globalThis, "location");
});

describe("navigation pending", () => {
  it("lasts from the start until the page asked for is committed", () => {
    navigationStarted("/usage");
    expect(navigationPending()).toBe(true);
    // A commit of something else on the same page (a fetch's re-render) does not end it.
    navigationCommitted();
    expect(navigationPending()).toBe(true);
    show("/usage");
    expect(navigationPending()).toBe(false);
  });

  it("counts a query-only change (router.replace to another tab) and absolute URLs", () => {
    navigationStarted("http://console.test/dashboard?tab=entries");
    expect(navigationPending()).toBe(true);
    show("/dashboard?tab=entries");
    expect(navigationPending()).toBe(false);
  });

  it("ends when another page is shown (a redirect to sign in)", () => {
    navigationStarted("/keys");
    show("/login?callbackUrl=%2Fkeys");
    expect(navigationPending()).toBe(false);
  });

  it("counts back and forward, which start with the browser's location already moved", () => {
    shown = new URL("http://console.test/teams");
    navigationStarted("http://console.test/teams");
    expect(navigationPending()).toBe(true);
    navigationCommitted();
    expect(navigationPending()).toBe(false);
  });

  it("ignores a navigation to the page already shown, which no commit would end", () => {
    navigationStarted("/dashboard#top");
    expect(navigationPending()).toBe(false);
  });
});
