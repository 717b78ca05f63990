import Link from "next/link";

export default function FindingNotFound() {
  return (
    <div className="space-y-3 py-12 text-center">
      <h1 className="text-2xl font-bold">Finding not found</h1>
      <p className="text-muted">No finding in the label ontology has this id. The link may be mistyped.</p>
      <Link href="/findings" className="text-link underline">
        See every finding
      </Link>
    </div>
  );
}
