// POST /api/integrations/billmanager/:action — BILLmanager ShellScripts (open, resume,
// suspend, close, setparam): X-API-Key, form body of the script's argv; one-line answer.
// The four after open become §9 billing actions forwarded to the main site; their line
// names the request: `OK --id=57 --request_id=12 --request_status=pending`, plus
// `--already=<why>` when the call asked for nothing new (a retry, or nothing to change).
import { asMachine } from "../audit/context";
import { errorLine, kv, line, outcomeLine, settingsOf } from "../billmanager/http";
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
        return outcomeLine(await resumeService(db, body.arg, audit));
      case "suspend":
        return outcomeLine(await suspendService(db, body.arg, audit));
      case "close":
        return outcomeLine(await closeService(db, body.arg, audit));
      case "setparam":
        return outcomeLine(await setServiceParams(db, body.arg, settings, audit));
      default:
        throw notFound(`Unknown BILLmanager action "${params.action}": use open, resume, suspend, close or setparam`);
    }
  },
);
