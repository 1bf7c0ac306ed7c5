import type { Metadata } from "next";
import { ConsoleShell } from "@/components/layout/console-shell";
import { NotFoundPanel } from "@/components/layout/not-found-panel";
import { getSessionUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Page not found" };

// Any address that matches no route. A signed-in user keeps the console around the message (its
// navigation is the quickest way on); anyone else gets the message and a way to sign in, and
// learns nothing about the console beyond that.
export default async function NotFound() {
  const user = await getSessionUser();
  if (user) {
    return (
      <ConsoleShell user={user}>
        <NotFoundPanel signedIn />
      </ConsoleShell>
    );
  }
  return (
    <main className="flex min-h-full items-center justify-center px-4">
      <NotFoundPanel signedIn={false} />
    </main>
  );
}
