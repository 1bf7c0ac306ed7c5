import type { Metadata, Viewport } from "next";
import { connection } from "next/server";
import { Providers } from "./providers";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Tollgate", template: "%s · Tollgate" },
  description: "Self-hosted LLM gateway",
};

// The console follows the system's light or dark scheme (app/globals.css); the browser's own UI too.
export const viewport: Viewport = {
  colorScheme: "light dark",
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#f8fafc" },
    { media: "(prefers-color-scheme: dark)", color: "#0b1120" },
  ],
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Every page renders per request: its Content-Security-Policy nonce (proxy.ts) is new each time,
  // and Next.js puts it on its scripts only while rendering, never into a prerendered page.
  await connection();
  return (
    <html lang="en">
      <body>
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
