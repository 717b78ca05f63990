import type { Metadata } from "next";
import { connection } from "next/server";
import { NuqsAdapter } from "nuqs/adapters/next/app";
import { getSiteUrl } from "@/lib/share/request-site";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  return {
    // Relative metadata URLs resolve against the host that served the page (or SITE_URL), not a fixed default.
    metadataBase: new URL(await getSiteUrl()),
    title: { default: "Label Atlas: what is inside public medical image datasets", template: "%s · Label Atlas" },
    description:
      "Compare public medical image datasets by modality, labels, size, licence and access before you download them.",
  };
}

export default async function RootLayout({ children }: Readonly<{ children: React.ReactNode }>) {
  // Every page renders per request, so each gets the fresh CSP nonce that proxy.ts sets (a
  // prerendered page would carry scripts without it, which the policy blocks).
  await connection();
  return (
    <html lang="en">
      <body className="min-h-screen font-sans antialiased">
        <NuqsAdapter>{children}</NuqsAdapter>
      </body>
    </html>
  );
}
