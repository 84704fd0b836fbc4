// What the ShellScripts module's scripts send (form fields: their argv as `arg`, plus the
// panel.env settings) and how the panel answers them: one text line, `OK ...` or
// `ERROR <message>`, so the scripts need nothing but bash and curl.
import { reply, type Reply } from "../http/reply";
import { DEFAULT_PARAM_MAP, type BillmanagerSettings } from "./args";
import type { ScriptRequest } from "./schemas";
import type { MachineOutcome } from "../vps/actions/machine";

export { scriptRequest, type ScriptRequest } from "./schemas";

export function settingsOf(body: ScriptRequest): BillmanagerSettings {
  const m = DEFAULT_PARAM_MAP;
  return {
    map: {
      cpu: body.map_cpu || m.cpu,
      ram: body.map_ram || m.ram,
      disk: body.map_disk || m.disk,
      os: body.map_os || m.os,
      name: body.map_name || m.name,
      email: body.map_email || m.email,
    },
    ramUnit: body.ram_unit?.toUpperCase() === "GB" ? "GB" : "MB",
    defaultOs: body.default_os || undefined,
  };
}

/**
 * `--name=value` as BILLmanager reads the OK line of open.sh: a plain value stays bare
 * (what BILLmanager's own examples show), anything else is single-quoted with `'` written
 * as `'\''`, the quoting BILLmanager's --k=v parser (and a shell) undoes.
 */
export function kv(name: string, value: string | number): string {
  const v = String(value).replace(/[\r\n]+/g, " ");
  return /^[A-Za-z0-9@._+:-]+$/.test(v) ? `--${name}=${v}` : `--${name}='${v.replace(/'/g, `'\\''`)}'`;
}

/** One line a shell script can print; newlines in values never split it. */
export function line(text: string, status = 200): Reply {
  return reply.text(status, `${text.replace(/[\r\n]+/g, " ")}\n`);
}

export const errorLine = ({ status, message, requestId }: { status: number; message: string; requestId: string }) =>
  line(`ERROR ${message}${status >= 500 ? ` (request id ${requestId})` : ""}`, status);

/** The answer of resume/suspend/close/setparam: the VPS, the request the main site works on, and why nothing new was asked. */
export function outcomeLine(o: MachineOutcome): Reply {
  const words = [kv("id", o.vpsId)];
  if (o.request) words.push(kv("request_id", o.request.id), kv("request_status", o.request.status));
  if (o.already) words.push(kv("already", o.already));
  return line(`OK ${words.join(" ")}`);
}
