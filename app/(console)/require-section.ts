// Page-level guard for console pages. The layout already sent signed-out visitors to /login; this
// also keeps developers out of the org-wide pages when they type the URL, and hands the page the
// user so it can hide the actions the role may not take.
import "server-only";
import { redirect } from "next/navigation";
import { canOpenSection, type ConsoleSection } from "@/components/layout/console-sections";
import { requireSessionUser, type SessionUser } from "@/lib/auth/session";

export async function requireSection(section: ConsoleSection): Promise<SessionUser> {
  const user = await requireSessionUser(`/${section}`);
  if (!canOpenSection(user.role, section)) redirect("/dashboard");
  return user;
}
