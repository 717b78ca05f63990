import Link from "next/link";
import { CopyLinkButton } from "@/components/share/copy-link-button";

/** Header, main landmark and footer of every full page (embeds have none of it). */
export function SiteChrome({ children }: { children: React.ReactNode }) {
  return (
    <>
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50 focus:bg-surface focus:p-2"
      >
        Skip to content
      </a>
      <header className="border-b border-line">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
          <Link href="/" className="text-lg font-bold">
            Label Atlas
          </Link>
          <nav aria-label="Main">
            <ul className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
              <li>
                <Link href="/" className="hover:underline">
                  Catalog
                </Link>
              </li>
              <li>
                <Link href="/findings" className="hover:underline">
                  Findings
                </Link>
              </li>
              <li>
                <Link href="/compare?ids=nih-chestxray14,chexpert" className="hover:underline">
                  Compare
                </Link>
              </li>
              <li>
                <Link href="/explore" className="hover:underline">
                  Explore your file
                </Link>
              </li>
            </ul>
          </nav>
          <div className="ml-auto">
            <CopyLinkButton />
          </div>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-7xl px-4 py-6">
        {children}
      </main>
      <footer className="mx-auto max-w-7xl border-t border-line px-4 py-6 text-sm text-muted">
        Facts come from each dataset&apos;s own page or paper; the source is linked on every dataset page. A blank fact
        shows as &ldquo;not reported&rdquo;.
      </footer>
    </>
  );
}
