// What the ShellScripts module's scripts send (form fields: their argv as `arg`, plus the
// panel.env settings) and how the panel answers them: one text line, `OK ...` or
// `ERROR <message>`, so the scripts need nothing but bash and curl.
import { z } from "zod";
import { DEFAULT_PARAM_MAP, type BillmanagerSettings } from "./args";

const paramName = z.string().trim().regex(/^[A-Za-z0-9_.-]{1,64}$/, "must be a BILLmanager parameter name");

export const scriptRequest = z.object({
  arg: z
    .union([z.string().max(4096), z.array(z.string().max(4096)).max(200)])
    .optional()
    .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v])),
  map_cpu: paramName.optional(),
  map_ram: paramName.optional(),
  map_disk: paramName.optional(),
  map_os: paramName.optional(),
  map_name: paramName.optional(),
  map_email: paramName.optional(),
  ram_unit: z.enum(["MB", "GB", "mb", "gb"]).optional(),
  default_os: z.string().trim().max(100).optional(),
});
export type ScriptRequest = z.infer<typeof scriptRequest>;

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

/** One line a shell script can print; newlines in values never split it. */
export function line(text: string, status = 200): Response {
  return new Response(`${text.replace(/[\r\n]+/g, " ")}\n`, { status, headers: { "content-type": "text/plain; charset=utf-8" } });
}

export const errorLine = ({ status, message, requestId }: { status: number; message: string; requestId: string }) =>
  line(`ERROR ${message}${status >= 500 ? ` (request id ${requestId})` : ""}`, status);
