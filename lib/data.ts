import "server-only";
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseCatalog, parseLinks, type Dataset, type PortalLink } from "@/lib/catalog";

const DATA_DIR = path.join(process.cwd(), "data");

function readDataFile(name: string): { text: string; file: string } {
  const file = `data/${name}`;
  return { text: readFileSync(path.join(DATA_DIR, name), "utf8"), file };
}

let catalog: Dataset[] | undefined;
let links: PortalLink[] | undefined;

/** The catalog, parsed and validated once per server process (and once per build). */
export function loadCatalog(): Dataset[] {
  if (!catalog) {
    const { text, file } = readDataFile("catalog.csv");
    catalog = parseCatalog(text, file);
  }
  return catalog;
}

export function loadLinks(): PortalLink[] {
  if (!links) {
    const { text, file } = readDataFile("links.csv");
    links = parseLinks(text, file);
  }
  return links;
}

export function getDataset(id: string): Dataset | undefined {
  return loadCatalog().find((d) => d.id === id);
}
