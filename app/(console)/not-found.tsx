import type { Metadata } from "next";
import { NotFoundPanel } from "@/components/layout/not-found-panel";

export const metadata: Metadata = { title: "Page not found" };

// A notFound() from a console page (e.g. an id that does not exist) renders here, inside the
// console layout: sidebar, top bar and all. Only signed-in users get this far.
export default function ConsoleNotFound() {
  return <NotFoundPanel signedIn />;
}
