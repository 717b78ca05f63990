import type { SummaryBoxes } from "@/lib/summary/model";

/** Box sizes as √(width × height) in pixels: the side of a square of the same area. */
export const BOX_PIXEL_EDGES = [0, 32, 64, 128, 256, 512, 1024];
/** Box area as a percentage of the image area. */
export const BOX_RELATIVE_EDGES = [0, 1, 2, 5, 10, 20, 50, 100];

export interface BoxCounter {
  /** One box. `image` is the image's number (any stable integer); imageArea is null when unknown. */
  add(label: string, image: number, width: number, height: number, imageArea: number | null): void;
  /** A box row that could not be counted (image not in the label file, unreadable size). */
  unmatched(): void;
  finish(file: string): SummaryBoxes;
}

function binOf(edges: number[], value: number): number {
  let i = edges.length - 1;
  while (i > 0 && value < edges[i]!) i -= 1;
  return i;
}

/** Counts boxes per label, per image and by size, exactly; keeps no per-box rows. */
export function createBoxCounter(): BoxCounter {
  const labels = new Map<string, { boxes: number; images: Set<number> }>();
  const perImage = new Map<number, number>();
  const pixels = new Array<number>(BOX_PIXEL_EDGES.length).fill(0);
  const relative = new Array<number>(BOX_RELATIVE_EDGES.length).fill(0);
  let withArea = 0;
  let total = 0;
  let unmatched = 0;
  return {
    add(label, image, width, height, imageArea) {
      total += 1;
      let entry = labels.get(label);
      if (!entry) labels.set(label, (entry = { boxes: 0, images: new Set() }));
      entry.boxes += 1;
      entry.images.add(image);
      perImage.set(image, (perImage.get(image) ?? 0) + 1);
      const area = width * height;
      pixels[binOf(BOX_PIXEL_EDGES, Math.sqrt(area))]! += 1;
      if (imageArea !== null && imageArea > 0) {
        withArea += 1;
        relative[binOf(BOX_RELATIVE_EDGES, (100 * area) / imageArea)]! += 1;
      }
    },
    unmatched() {
      unmatched += 1;
    },
    finish(file) {
      const histogram = new Map<number, number>();
      for (const n of perImage.values()) histogram.set(n, (histogram.get(n) ?? 0) + 1);
      return toSummaryBoxes(file, {
        total,
        images: perImage.size,
        labels: [...labels].map(([label, e]) => ({ label, boxes: e.boxes, images: e.images.size })),
        perImage: histogram,
        pixels,
        relative,
        withArea,
        unmatched,
      });
    },
  };
}

/** What the box figures are made of, however they were counted (here, or by the SQL). */
export interface BoxCounts {
  total: number;
  images: number;
  labels: { label: string; boxes: number; images: number }[];
  /** Boxes per image → how many images have that many. */
  perImage: ReadonlyMap<number, number>;
  /** Boxes per bin of BOX_PIXEL_EDGES, and of BOX_RELATIVE_EDGES (boxes whose image size is known). */
  pixels: number[];
  relative: number[];
  withArea: number;
  unmatched: number;
}

export function toSummaryBoxes(file: string, c: BoxCounts): SummaryBoxes {
  const maxBoxes = Math.max(0, ...c.perImage.keys());
  return {
    file,
    total: c.total,
    images: c.images,
    labels: [...c.labels].sort((a, b) => b.boxes - a.boxes || a.label.localeCompare(b.label)),
    perImage: Array.from({ length: maxBoxes }, (_, k) => ({ boxes: k + 1, images: c.perImage.get(k + 1) ?? 0 })),
    sizePixels: { edges: BOX_PIXEL_EDGES, counts: c.pixels },
    // Only when every counted box's image size was known: a partial histogram would mislead.
    sizeRelative: c.total > 0 && c.withArea === c.total ? { edges: BOX_RELATIVE_EDGES, counts: c.relative } : null,
    unmatched: c.unmatched,
  };
}
