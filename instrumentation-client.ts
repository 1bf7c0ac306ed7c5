// Runs in the browser before the console's own code (Next.js's instrumentation-client file): zod's
// configuration, and the hook every App Router navigation starts with.
// zod compiles object parsers with `new Function` when it may, and decides that when a schema is
// built by trying `new Function("")`. The pages' Content-Security-Policy has no 'unsafe-eval'
// (lib/http/content-security-policy.ts), so the probe is refused and reported as a violation on
// every page that builds a schema. `jitless` skips the probe; parsing is the same, a little slower.
import { z } from "zod";
import { navigationStarted } from "@/components/layout/navigation-pending";

z.config({ jitless: true });

// Every App Router navigation (links, router.push/replace, back and forward) starts here; the top
// progress bar runs until it commits (components/layout/navigation-pending.ts).
export function onRouterTransitionStart(url: string) {
  navigationStarted(url);
}
