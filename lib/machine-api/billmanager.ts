// POST /api/integrations/billmanager/:action — BILLmanager ShellScripts (open, resume,
// suspend, close, setparam): X-API-Key, form body of the script's argv; one-line answer
import { asMachine } from "../audit/context";
import { errorLine, kv, line, settingsOf } from "../billmanager/http";
import { closeService, resumeService, setServiceParams, suspendService } from "../billmanager/manage-service";
import { openService } from "../billmanager/open-service";
import { scriptRequest } from "../billmanager/schemas";
import { notFound } from "../errors";
import { route } from "../http/handler";

export const billmanagerPost = route.machine(
  { method: "POST", path: "/api/integrations/billmanager/:action", bodyType: "form", body: scriptRequest, renderError: errorLine },
  async ({ db, body, params, audit: ctx }) => {
    const audit = asMachine(ctx, "billmanager");
    const settings = settingsOf(body);
    switch (params.action) {
      case "open": {
        const s = await openService(db, body.arg, settings, audit);
        return line(`OK ${kv("id", s.vpsId)} ${kv("username", s.username)}`);
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
