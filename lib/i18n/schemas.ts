// The UI language a browser saves.
import { z } from "zod";
import { LOCALES } from "./config";

/** PUT /api/me/locale */
export const localeBody = z.object({ locale: z.enum(LOCALES) });
