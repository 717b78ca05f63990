import { z } from "zod";

/**
 * data/manifest.json: every real metadata file the project reads, by a stable name `<dataset>/<file>`,
 * with where its bytes come from and their sha256. The IO side (finding, downloading, verifying) is
 * lib/metadata/data-files.ts.
 */

const sha256Schema = z.string().regex(/^[0-9a-f]{64}$/, "expected a sha256: 64 lowercase hex digits");
const gitIdSchema = z.string().regex(/^[0-9a-f]{7,40}$/, "expected a git id: 7 to 40 lowercase hex digits");
export const dataFileNameSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*\/[A-Za-z0-9_][A-Za-z0-9_.\-/]*$/, "expected `<dataset>/<file>`")
  .refine((name) => !name.split("/").includes(".."), "must not contain `..`");

const entrySchema = z
  .strictObject({
    dataset: z.string().min(1),
    file: z.string().min(1),
    /** The bytes to fetch (an archive or raw copy where `unpack` or `patch` is set); null when derived. */
    url: z.url({ protocol: /^https?$/, error: "expected an http(s) URL" }).nullable(),
    sha256: sha256Schema,
    bytes: z.number().int().positive(),
    licence: z.string().min(1),
    licenceNote: z.string().min(1).optional(),
    provenance: z
      .strictObject({
        repository: z.string().regex(/^[\w.-]+\/[\w.-]+$/, "expected `owner/name`"),
        commit: gitIdSchema,
        commitIsShort: z.literal(true).optional(),
        path: z.string().min(1),
        blob: z
          .string()
          .regex(/^[0-9a-f]{40}$/, "expected a 40-digit git blob id")
          .optional(),
      })
      .nullable(),
    /** sha256 and size of the bytes at `url`, where they differ from the file the project reads. */
    upstream: z.strictObject({ sha256: sha256Schema, bytes: z.number().int().positive() }).optional(),
    unpack: z.enum(["gzip", "zip"]).optional(),
    member: z.string().min(1).optional(),
    patch: z
      .strictObject({
        kind: z.literal("rename-header-field"),
        from: z.string().min(1),
        to: z.string().min(1),
        description: z.string().min(1),
      })
      .optional(),
    derived: z
      .strictObject({
        kind: z.literal("complement"),
        description: z.string().min(1),
        /** A CSV whose first column lists ids; the result is those not in `minus`, sorted, one per line. */
        ids: dataFileNameSchema,
        minus: dataFileNameSchema,
      })
      .optional(),
    note: z.string().min(1).optional(),
  })
  .superRefine((e, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
    if (e.derived && e.url !== null) issue("url", "a derived file has no url (null)");
    if (!e.derived && e.url === null) issue("url", "required unless the file is derived");
    if (!e.derived && e.provenance === null) issue("provenance", "required unless the file is derived");
    const transformed = Boolean(e.unpack || e.patch);
    if (transformed && !e.upstream) issue("upstream", "required with unpack or patch: the sha256 of the bytes at url");
    if (!transformed && e.upstream) issue("upstream", "only with unpack or patch");
    if (e.unpack === "zip" && !e.member) issue("member", "required with unpack: zip");
    if (e.unpack !== "zip" && e.member) issue("member", "only with unpack: zip");
    if (e.provenance && e.provenance.commit.length < 40 && !e.provenance.commitIsShort)
      issue("provenance", "a short commit id needs commitIsShort: true");
  });

export const manifestSchema = z
  .strictObject({ $comment: z.string().optional(), files: z.record(z.string(), entrySchema) })
  .superRefine((m, ctx) => {
    for (const [name, e] of Object.entries(m.files)) {
      // Checked here rather than as the record's key schema, whose error would not say what is wrong.
      for (const issue of dataFileNameSchema.safeParse(name).error?.issues ?? [])
        ctx.addIssue({ code: "custom", path: ["files", name], message: issue.message });
      if (name !== `${e.dataset}/${e.file}`)
        ctx.addIssue({ code: "custom", path: ["files", name], message: `the name must be ${e.dataset}/${e.file}` });
      for (const input of e.derived ? [e.derived.ids, e.derived.minus] : [])
        if (!m.files[input] || m.files[input].derived)
          ctx.addIssue({
            code: "custom",
            path: ["files", name, "derived"],
            message: `${input} must be a manifest entry that is not itself derived`,
          });
    }
  });

export type Manifest = z.output<typeof manifestSchema>;
export type ManifestEntry = Manifest["files"][string];

/** Validates a parsed manifest; the error names the file and the first problem's path. */
export function parseManifest(json: unknown, source: string): Manifest {
  const parsed = manifestSchema.safeParse(json);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues
    .slice(0, 5)
    .map((issue) => `${source}: ${issue.path.map(String).join(".") || "(top)"}: ${issue.message}`);
  throw new Error(lines.join("\n"));
}

/** The manifest names of one dataset (all when `dataset` is undefined), in manifest order. */
export function dataFileNames(manifest: Manifest, dataset?: string): string[] {
  return Object.entries(manifest.files)
    .filter(([, e]) => dataset === undefined || e.dataset === dataset)
    .map(([name]) => name);
}

/** A split list named in an ingest config: a manifest name, or a file name within the dataset. */
export function toDataFileName(dataset: string, file: string): string {
  return file.includes("/") ? file : `${dataset}/${file}`;
}

/**
 * The ids in the first column of `csv` (after its header) that `list` (one id per line) lacks, sorted
 * by code point, one per line with a final newline. NIH's test_list.txt is exactly this.
 */
export function deriveComplement(csv: string, list: string): string {
  const minus = new Set(list.split(/\r?\n/).filter((id) => id !== ""));
  const ids = csv
    .split(/\r?\n/)
    .slice(1)
    .filter((line) => line !== "")
    .map((line) => line.slice(0, line.indexOf(",") === -1 ? undefined : line.indexOf(",")))
    .filter((id) => !minus.has(id));
  ids.sort();
  return ids.map((id) => `${id}\n`).join("");
}

/** Renames one comma-separated field of the first line; every other byte stays as it is. */
export function renameHeaderField(bytes: Uint8Array, from: string, to: string): Uint8Array {
  let end = bytes.indexOf(0x0a);
  if (end === -1) end = bytes.length;
  const headerEnd = end > 0 && bytes[end - 1] === 0x0d ? end - 1 : end;
  const fields = new TextDecoder().decode(bytes.subarray(0, headerEnd)).split(",");
  const at = fields.indexOf(from);
  if (at === -1) throw new Error(`the header has no field ${JSON.stringify(from)}`);
  fields[at] = to;
  const header = new TextEncoder().encode(fields.join(","));
  const out = new Uint8Array(header.length + bytes.length - headerEnd);
  out.set(header);
  out.set(bytes.subarray(headerEnd), header.length);
  return out;
}
