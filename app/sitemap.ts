import type { MetadataRoute } from "next";
import { loadCatalog } from "@/lib/data";
import { getSiteUrl } from "@/lib/share/request-site";
import { loadFindings } from "@/lib/findings/request";

export default async function sitemap(): Promise<MetadataRoute.Sitemap> {
  const base = await getSiteUrl();
  return [
    { url: `${base}/` },
    { url: `${base}/compare` },
    { url: `${base}/explore` },
    ...loadCatalog().map((d) => ({ url: `${base}/datasets/${d.id}` })),
    { url: `${base}/findings` },
    ...loadFindings().findings.map((f) => ({ url: `${base}/findings/${f.id}` })),
  ];
}
