"use client";

interface DownloadButtonProps {
  filename: string;
  label: string;
  /** May load its code on demand, so exporting costs nothing until it is used. */
  getText: () => string | Promise<string>;
  mimeType?: string;
}

/** Builds the file only when clicked, in the browser: nothing is sent to a server. */
export function DownloadButton({ filename, label, getText, mimeType = "text/csv;charset=utf-8" }: DownloadButtonProps) {
  async function download() {
    const url = URL.createObjectURL(new Blob([await getText()], { type: mimeType }));
    const a = document.createElement("a");
    a.href = url;
    a.download = filename;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 0);
  }
  return (
    <button
      type="button"
      onClick={() => void download()}
      className="rounded-md border border-line bg-surface px-3 py-2 text-sm font-medium hover:bg-surface-2"
    >
      {label}
    </button>
  );
}
