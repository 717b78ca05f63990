import type { RowsSummary } from "@/lib/summary/model";
import type { ColumnMapping } from "@/lib/metadata/roles";

/** Files larger than this are refused: a summary needs a little memory per image, and a tab has limits. */
export const MAX_FILE_BYTES = 1024 ** 3;

export type ExploreSource = { kind: "file"; file: File } | { kind: "text"; text: string; name: string };

export type ToWorker =
  | { type: "inspect"; source: ExploreSource }
  | { type: "summarize"; mapping: ColumnMapping }
  /** papaparse (or hyparquet) alone over the loaded file, nothing summarised: the baseline `npm run bench` compares with. */
  | { type: "baseline" };

export type FromWorker =
  | { type: "inspected"; name: string; bytes: number; header: string[]; sample: string[][]; mapping: ColumnMapping }
  | { type: "progress"; phase: "decompressing" | "reading" | "reading rows"; done: number; total: number; rows: number }
  | { type: "summary"; summary: RowsSummary; ms: number }
  | { type: "baseline"; ms: number; rows: number }
  | { type: "error"; message: string };
