// A URL query for list links: empty values and values equal to their default are left out,
// so links stay short and shareable. Browser-safe.
export function queryString(
  values: Record<string, string | number | null | undefined>,
  defaults: Record<string, string | number> = {},
): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(values)) {
    if (v === undefined || v === null || v === "" || defaults[k] === v) continue;
    p.set(k, String(v));
  }
  const s = p.toString();
  return s ? `?${s}` : "";
}
