export const MODALITIES = ["Ultrasound", "X-Ray", "MRI", "CT/PET", "Other"] as const;
export type Modality = (typeof MODALITIES)[number];

export const ACCESS_LEVELS = ["open", "registration", "data-use agreement", "credentialed", "challenge-only"] as const;
export const COMMERCIAL_USE = ["yes", "no", "unclear"] as const;

/** URL slugs for the catalog sections; `all` is the default. */
export const SECTIONS = [
  { slug: "all", label: "All", modality: null },
  { slug: "ultrasound", label: "Ultrasound", modality: "Ultrasound" },
  { slug: "x-ray", label: "X-Ray", modality: "X-Ray" },
  { slug: "mri", label: "MRI", modality: "MRI" },
  { slug: "ct-pet", label: "CT/PET", modality: "CT/PET" },
  { slug: "other", label: "Other", modality: "Other" },
] as const satisfies readonly { slug: string; label: string; modality: Modality | null }[];
export type SectionSlug = (typeof SECTIONS)[number]["slug"];
export const SECTION_SLUGS = SECTIONS.map((s) => s.slug) as [SectionSlug, ...SectionSlug[]];
