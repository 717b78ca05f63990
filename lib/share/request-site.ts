import "server-only";
import { headers } from "next/headers";
import { resolveSiteUrl } from "@/lib/share/site";

/** The site's public address for this request (SITE_URL if set, else the validated request host). */
export async function getSiteUrl(): Promise<string> {
  return resolveSiteUrl(process.env.SITE_URL, await headers());
}
