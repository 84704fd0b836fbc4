// What BILLmanager's ShellScripts send: their argv as `arg`, plus the panel.env settings.
import { z } from "zod";

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
