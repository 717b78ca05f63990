/** Embeds: the chart and its table only, sized for an iframe, with a link back to the full page. */
export default function EmbedLayout({ children }: Readonly<{ children: React.ReactNode }>) {
  return (
    <main id="main" className="p-3">
      {children}
    </main>
  );
}
