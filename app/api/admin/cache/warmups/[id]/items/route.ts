export const dynamic = "force-dynamic";
export { GET } from "@/lib/cache-warmup/warmup-items-route";
