export const dynamic = "force-dynamic";
export { GET, POST, DELETE } from "@/lib/cache/entries-route";
