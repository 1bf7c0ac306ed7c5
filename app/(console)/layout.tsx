import type { ReactNode } from "react";
import { ConsoleShell } from "@/components/layout/console-shell";
import { requireSessionUser } from "@/lib/auth/session";

// Every console page needs the signed-in user (nav, role-dependent actions); nothing here can be
// prerendered.
export const dynamic = "force-dynamic";

export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const user = await requireSessionUser();
  return <ConsoleShell user={user}>{children}</ConsoleShell>;
}
