import { BreakdownFrame } from "@/components/dataset/breakdown-frame";
import { formatCount } from "@/lib/format";
import type { ChartExportData } from "@/lib/share/chart-export";
import { binLabels, type SummaryBoxes } from "@/lib/summary/model";

interface BoxSectionProps {
  boxes: SummaryBoxes;
  unit: string;
  exportOf: (title: string, header: string[], rows: (string | number)[][], file: string) => ChartExportData;
}

/** Bounding boxes: how many per label and per image, and how large, over the whole dataset. */
export function BoxSection({ boxes, unit, exportOf }: BoxSectionProps) {
  const pixels = binLabels(boxes.sizePixels.edges, "px");
  const relative = boxes.sizeRelative ? binLabels(boxes.sizeRelative.edges, "%") : [];
  return (
    <section aria-labelledby="boxes-title" className="space-y-3 rounded-lg border border-line p-4">
      <h2 id="boxes-title" className="text-lg font-semibold">
        Bounding boxes
      </h2>
      <p className="text-sm" data-testid="boxes-total">
        {formatCount(boxes.total)} boxes on {formatCount(boxes.images)} {unit}, from {boxes.file}
        {boxes.unmatched > 0 ? `; ${formatCount(boxes.unmatched)} box rows could not be counted` : ""}. Whole dataset:
        these counts do not follow the filters above.
      </p>
      <div className="grid gap-6 lg:grid-cols-2">
        <BreakdownFrame
          id="boxes-per-label"
          title="Boxes per label"
          rows={boxes.labels.map((l) => ({ value: l.label, images: l.boxes }))}
          unit="boxes"
          total={boxes.total}
          exportData={exportOf(
            "boxes per label",
            ["label", "boxes", unit],
            boxes.labels.map((l) => [l.label, l.boxes, l.images]),
            "boxes-per-label",
          )}
        />
        <BreakdownFrame
          id="boxes-per-image"
          title={`Boxes per ${unit.replace(/s$/, "")}`}
          rows={boxes.perImage.map((b) => ({ value: String(b.boxes), images: b.images }))}
          unit={unit}
          total={boxes.images}
          lead={`Only ${unit} with at least one box. `}
          exportData={exportOf(
            `boxes per ${unit.replace(/s$/, "")}`,
            ["boxes", unit],
            boxes.perImage.map((b) => [b.boxes, b.images]),
            "boxes-per-image",
          )}
        />
        <BreakdownFrame
          id="box-size-pixels"
          title="Box size (√ width × height, pixels)"
          rows={boxes.sizePixels.counts.map((n, i) => ({ value: pixels[i]!, images: n }))}
          unit="boxes"
          total={boxes.total}
          lead="Bins of the side of a square with the box's area; the last bin is open. "
          exportData={exportOf(
            "box size (pixels)",
            ["side (pixels)", "boxes"],
            boxes.sizePixels.counts.map((n, i) => [pixels[i]!, n]),
            "box-size-pixels",
          )}
        />
        {boxes.sizeRelative ? (
          <BreakdownFrame
            id="box-size-relative"
            title="Box area (% of the image)"
            rows={boxes.sizeRelative.counts.map((n, i) => ({ value: relative[i]!, images: n }))}
            unit="boxes"
            total={boxes.total}
            lead="Box area over image area, from each image's size in the label file. "
            exportData={exportOf(
              "box area (% of the image)",
              ["area (% of the image)", "boxes"],
              boxes.sizeRelative.counts.map((n, i) => [relative[i]!, n]),
              "box-size-relative",
            )}
          />
        ) : (
          <p className="text-sm text-muted">
            Box sizes relative to the image: not reported (the label file does not give image sizes).
          </p>
        )}
      </div>
    </section>
  );
}
