export const dynamic = "force-dynamic";
export { GET, POST } from "@/lib/cache-warmup/warmups-route";
