// BILLmanager's ShellScripts module calls each script with `--name=value` arguments in any
// order: --user, --password, --id, the tariff's parameters and its addons. The scripts pass
// them through unchanged; this reads them and maps the tariff's parameter names (set in
// panel.env beside the scripts) to VPS fields. Pure: no I/O.
import { badRequest } from "../errors";

export interface ParamMap {
  cpu: string;
  ram: string;
  disk: string;
  os: string;
  name: string;
  email: string;
}

export const DEFAULT_PARAM_MAP: ParamMap = { cpu: "cpu", ram: "ram", disk: "disk", os: "os", name: "domain", email: "email" };

export interface BillmanagerSettings {
  map: ParamMap;
  /** Unit BILLmanager sends RAM in. The panel stores MB. */
  ramUnit: "MB" | "GB";
  /** OS used when the tariff has no OS parameter. */
  defaultOs?: string;
}

/** `--name=value` → Map(name → value). The first `=` splits; values keep any other `=`. */
export function parseArgs(argv: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const raw of argv) {
    if (!raw.startsWith("--")) throw badRequest(`Unexpected argument "${raw.slice(0, 60)}": BILLmanager arguments look like --name=value`);
    const eq = raw.indexOf("=");
    const name = (eq === -1 ? raw.slice(2) : raw.slice(2, eq)).trim();
    if (!/^[A-Za-z0-9_.-]{1,64}$/.test(name)) throw badRequest(`Unexpected argument name "${name.slice(0, 60)}"`);
    // A bare flag (--name) counts as an empty value; the last occurrence wins.
    out.set(name, eq === -1 ? "" : raw.slice(eq + 1));
  }
  return out;
}

export function required(args: Map<string, string>, name: string, what = name): string {
  const v = args.get(name)?.trim();
  if (!v) throw badRequest(`Missing parameter --${name}= (${what})`);
  return v;
}

function wholeNumber(args: Map<string, string>, param: string, field: string, min: number, max: number, unit: string): number | undefined {
  const raw = args.get(param);
  if (raw === undefined) return undefined;
  const n = Number(raw.trim().replace(",", "."));
  if (raw.trim() === "" || !Number.isFinite(n) || !Number.isInteger(n) || n < min || n > max)
    throw badRequest(`Bad value for ${field} (--${param}=${JSON.stringify(raw).slice(1, -1).slice(0, 40)}): expected a whole number of ${unit} from ${min} to ${max}`);
  return n;
}

export interface VpsParams {
  cpu?: number;
  ramMb?: number;
  diskGb?: number;
  os?: string;
  name?: string;
}

/** The VPS fields present among the arguments, validated. */
export function vpsParams(args: Map<string, string>, s: BillmanagerSettings): VpsParams {
  const ram = s.ramUnit === "GB"
    ? wholeNumber(args, s.map.ram, "ram", 1, 4096, "GB")
    : wholeNumber(args, s.map.ram, "ram", 128, 4 * 1024 * 1024, "MB");
  const os = args.get(s.map.os)?.trim();
  if (os !== undefined && (os === "" || os.length > 100)) throw badRequest(`Bad value for os (--${s.map.os}=): expected an OS name of 1 to 100 characters`);
  const name = args.get(s.map.name)?.trim();
  return {
    cpu: wholeNumber(args, s.map.cpu, "cpu", 1, 256, "cores"),
    ramMb: ram === undefined ? undefined : s.ramUnit === "GB" ? ram * 1024 : ram,
    diskGb: wholeNumber(args, s.map.disk, "disk", 1, 1024 * 1024, "GB"),
    os,
    name: name ? name.slice(0, 100) : undefined,
  };
}

/** The VPS id BILLmanager stored as externalid (what open.sh printed as --id). */
export function serviceVpsId(args: Map<string, string>): number {
  const raw = required(args, "id", "the service's externalid, printed by open.sh");
  if (!/^\d{1,10}$/.test(raw) || Number(raw) < 1 || Number(raw) > 2_147_483_647) throw badRequest(`Bad value for id (--id=${raw.slice(0, 40)}): expected the panel VPS id printed by open.sh`);
  return Number(raw);
}
