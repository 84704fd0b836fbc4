// What retrying a failed reinstall asks again (browser-safe, no zod: the VPS page's bundle).
// The stored params carry the OS and, since self-service.ts resolved them, `ssh_keys`
// [{id, name, …}] next to `ssh_key_ids`; the retry ticks the same keys again, except the
// ones the owner deleted since, which are named so the client knows they are left out.

export interface PresetKey {
  id: number;
  name: string;
}

export interface ReinstallPreset {
  os?: string;
  keys: PresetKey[];
}

const isId = (v: unknown): v is number => typeof v === "number" && Number.isInteger(v) && v > 0;

/** The OS and SSH keys of an earlier reinstall request's params (anything malformed is skipped). */
export function reinstallPreset(params: Record<string, unknown>): ReinstallPreset {
  const os = typeof params.os === "string" && params.os.trim() !== "" ? params.os : undefined;
  const names = new Map<number, string>();
  if (Array.isArray(params.ssh_keys))
    for (const k of params.ssh_keys as unknown[]) {
      const key = k as { id?: unknown; name?: unknown } | null;
      if (key && isId(key.id) && typeof key.name === "string") names.set(key.id, key.name);
    }
  const ids = Array.isArray(params.ssh_key_ids) ? (params.ssh_key_ids as unknown[]).filter(isId) : [...names.keys()];
  const keys = [...new Set(ids)].map((id) => ({ id, name: names.get(id) ?? `#${id}` }));
  return { ...(os ? { os } : {}), keys };
}

/** The preset's keys the owner no longer has (`available`: the key list now). */
export function deletedPresetKeys(preset: readonly PresetKey[], available: readonly { id: number }[]): PresetKey[] {
  const have = new Set(available.map((k) => k.id));
  return preset.filter((k) => !have.has(k.id));
}
