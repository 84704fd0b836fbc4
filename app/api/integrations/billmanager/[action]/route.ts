// POST /api/integrations/billmanager/:action — BILLmanager ShellScripts (open, resume,
// suspend, close, setparam): X-API-Key, form body of the script's argv; one-line answer
import { asMachine } from "@/lib/audit/context";
import { getDb } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { errorLine, line, scriptRequest, settingsOf } from "@/lib/billmanager/http";
import { closeService, resumeService, setServiceParams, suspendService } from "@/lib/billmanager/manage-service";
import { openService } from "@/lib/billmanager/open-service";
import { route } from "@/lib/http/handler";

export const POST = route(
  { auth: "machine", bodyType: "form", body: scriptRequest, renderError: errorLine },
  async ({ body, params, audit: ctx }) => {
    const db = await getDb();
    const audit = asMachine(ctx, "billmanager");
    const settings = settingsOf(body);
    switch (params.action) {
      case "open": {
        const s = await openService(db, body.arg, settings, audit);
        return line(`OK --id=${s.vpsId} --username=${s.username}`);
      }
      case "resume":
        await resumeService(db, body.arg, audit);
        return line("OK");
      case "suspend":
        await suspendService(db, body.arg, audit);
        return line("OK");
      case "close":
        await closeService(db, body.arg, audit);
        return line("OK");
      case "setparam":
        await setServiceParams(db, body.arg, settings, audit);
        return line("OK");
      default:
        throw notFound(`Unknown BILLmanager action "${params.action}": use open, resume, suspend, close or setparam`);
    }
  },
);
