import Link from "next/link";
import { SiteChrome } from "@/components/ui/site-chrome";

export default function NotFound() {
  return (
    <SiteChrome>
      <div className="space-y-3 py-12 text-center">
        <h1 className="text-2xl font-bold">Page not found</h1>
        <p className="text-muted">There is nothing at this address.</p>
        <Link href="/" className="text-link underline">
          Back to the catalog
        </Link>
      </div>
    </SiteChrome>
  );
}
