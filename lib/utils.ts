import { clsx, type ClassValue } from "clsx";

/**
 * Class names joined, the falsy ones left out. No merging of conflicting Tailwind classes
 * (tailwind-merge): no call passes conflicting ones, and merging cost ~25 ms while the catalog
 * hydrated (its first call builds its whole class table).
 */
export function cn(...inputs: ClassValue[]): string {
  return clsx(inputs);
}
