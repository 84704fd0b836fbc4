// GET /api/integrations/bitrix/{help,configs,order_status} and POST .../order — the 1C-Bitrix
// providers plugin (Bearer API token with orders:write); answers are the plugin's exact output.
// A machine caller although a token authenticates it: each call goes to the inbound log.
import { bitrixError } from "@/lib/bitrix/protocol";
import { help, listConfigurations, orderConfiguration, orderStatus } from "@/lib/bitrix/run-command";
import { bitrixOrderBody, bitrixQuery } from "@/lib/bitrix/schemas";
import { AppError } from "@/lib/errors";
import { reply, route, type ErrorToRender } from "@/lib/http/handler";

const path = "/api/integrations/bitrix/:command";
const renderError = ({ status, message }: ErrorToRender) => reply(status, bitrixError(message));
const unknown = (command: string | undefined) =>
  new AppError(404, `Unknown command "${(command ?? "").slice(0, 40)}": use help, configs, order <config_id> or order_status <task_id>`);

export const GET = route.user(
  { method: "GET", path, tokenScope: "orders:write", inboundLog: true, renderError, query: bitrixQuery },
  async ({ db, actor, params, query }) => {
    switch (params.command) {
      case "help":
        return help();
      case "configs":
        return listConfigurations(db);
      case "order_status":
        if (!query.task_id) throw new AppError(400, "order_status needs a task id: order_status <task_id>");
        return orderStatus(db, actor, query.task_id);
      case "order":
        throw new AppError(405, "order is a POST");
      default:
        throw unknown(params.command);
    }
  },
);

export const POST = route.user(
  { method: "POST", path, tokenScope: "orders:write", idempotent: true, inboundLog: true, renderError, bodyType: "form", body: bitrixOrderBody },
  async ({ db, actor, params, body, audit }) => {
    if (params.command !== "order") throw unknown(params.command);
    return orderConfiguration(db, actor, body.config_id, audit);
  },
);
