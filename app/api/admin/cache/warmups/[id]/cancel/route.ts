export const dynamic = "force-dynamic";
export { POST } from "@/lib/cache-warmup/warmup-cancel-route";
