import type { Metadata } from "next";

/**
 * Title, description and the link-preview card (Open Graph and Twitter) with its image. Crawlers need an absolute
 * image address, so `image` (a path such as /api/og?…) is resolved against the site's address for this request.
 */
export function previewMetadata(title: string, description: string, image: string, siteUrl: string): Metadata {
  const url = new URL(image, `${siteUrl}/`).toString();
  const images = [{ url, width: 1200, height: 630, alt: `${title}: label chart` }];
  return {
    title,
    description,
    openGraph: { title, description, images, type: "website", siteName: "Label Atlas" },
    twitter: { card: "summary_large_image", title, description, images: [url] },
  };
}
