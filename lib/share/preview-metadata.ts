import type { Metadata } from "next";

/** Title, description and the link-preview card (Open Graph and Twitter) with its image. */
export function previewMetadata(title: string, description: string, image: string): Metadata {
  const images = [{ url: image, width: 1200, height: 630, alt: `${title}: label chart` }];
  return {
    title,
    description,
    openGraph: { title, description, images, type: "website", siteName: "Label Atlas" },
    twitter: { card: "summary_large_image", title, description, images: [image] },
  };
}
