export const dynamic = "force-dynamic";
export { GET, DELETE } from "@/lib/cache/entry-route";
