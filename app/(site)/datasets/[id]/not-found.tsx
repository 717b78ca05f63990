import Link from "next/link";

export default function DatasetNotFound() {
  return (
    <div className="space-y-3 py-12 text-center">
      <h1 className="text-2xl font-bold">Dataset not found</h1>
      <p className="text-muted">
        No dataset in the catalog has this id. It may have been renamed, or the link is mistyped.
      </p>
      <Link href="/" className="text-link underline">
        Back to the catalog
      </Link>
    </div>
  );
}
