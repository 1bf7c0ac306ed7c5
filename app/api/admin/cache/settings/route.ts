export const dynamic = "force-dynamic";
export { GET, PUT } from "@/lib/cache/settings-route";
