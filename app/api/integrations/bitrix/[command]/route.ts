// GET /api/integrations/bitrix/{help,configs,order_status} and POST .../order — the 1C-Bitrix
// providers plugin (Bearer API token with orders:write); answers are the plugin's exact output
import { z } from "zod";
import { bitrixError } from "@/lib/bitrix/protocol";
import { help, listConfigurations, orderConfiguration, orderStatus } from "@/lib/bitrix/run-command";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { route } from "@/lib/http/handler";

const renderError = ({ status, message }: { status: number; message: string }) => Response.json(bitrixError(message), { status });
const unknown = (command: string | undefined) =>
  new AppError(404, `Unknown command "${(command ?? "").slice(0, 40)}": use help, configs, order <config_id> or order_status <task_id>`);

export const GET = route(
  { auth: "user", tokenScope: "orders:write", renderError, query: z.object({ task_id: z.string().max(40).optional() }) },
  async ({ actor, params, query }) => {
    switch (params.command) {
      case "help":
        return help();
      case "configs":
        return listConfigurations(await getDb());
      case "order_status":
        if (!query.task_id) throw new AppError(400, "order_status needs a task id: order_status <task_id>");
        return orderStatus(await getDb(), actor!, query.task_id);
      case "order":
        throw new AppError(405, "order is a POST");
      default:
        throw unknown(params.command);
    }
  },
);

export const POST = route(
  {
    auth: "user",
    tokenScope: "orders:write",
    idempotent: true,
    renderError,
    bodyType: "form",
    body: z.object({ config_id: z.string().trim().min(1, "order needs a configuration id: order <config_id>").max(40) }),
  },
  async ({ actor, params, body, audit }) => {
    if (params.command !== "order") throw unknown(params.command);
    return orderConfiguration(await getDb(), actor!, body.config_id, audit);
  },
);
