export const dynamic = "force-dynamic";
export { POST } from "@/lib/cache-warmup/warmup-estimate-route";
