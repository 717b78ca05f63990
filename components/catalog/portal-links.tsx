import type { PortalLink } from "@/lib/catalog/schema";

interface PortalLinksProps {
  links: PortalLink[];
}

export function PortalLinks({ links }: PortalLinksProps) {
  return (
    <section aria-labelledby="links-title" className="space-y-3">
      <h2 id="links-title" className="text-xl font-semibold">
        Other useful links
      </h2>
      <p className="text-sm text-muted">Portals and archives where more medical image datasets live.</p>
      <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
        {links.map((link) => (
          <li key={link.url} className="rounded-lg border border-line p-4">
            <a
              href={link.url}
              rel="noopener noreferrer"
              className="font-medium text-link underline-offset-2 hover:underline"
            >
              {link.title}
            </a>
            <span className="ml-2 rounded bg-chip px-1.5 py-0.5 text-xs">{link.kind}</span>
            <p className="mt-1 text-sm">{link.description}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}
