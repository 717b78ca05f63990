import type { RowsSummary } from "@/lib/summary/model";

// The summary of a user's own file, kept in this browser (IndexedDB) so that a compare link can
// point at it. Only the summary is stored, never the file or its rows, and it never leaves the browser.
const DB = "label-atlas";
const STORE = "summaries";

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

export async function saveLocalSummary(summary: RowsSummary, name: string): Promise<string> {
  const key = `file-${Date.now().toString(36)}`;
  const db = await open();
  await new Promise<void>((resolve, reject) => {
    const tx = db.transaction(STORE, "readwrite");
    tx.objectStore(STORE).put({ summary, name }, key);
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
  });
  return key;
}

export async function loadLocalSummary(key: string): Promise<{ summary: RowsSummary; name: string } | null> {
  const db = await open();
  return new Promise((resolve, reject) => {
    const request = db.transaction(STORE).objectStore(STORE).get(key);
    request.onsuccess = () => resolve((request.result as { summary: RowsSummary; name: string } | undefined) ?? null);
    request.onerror = () => reject(request.error);
  });
}
