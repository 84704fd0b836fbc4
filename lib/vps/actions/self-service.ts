// What the panel checks before it forwards a self-service action (PRODUCT.md §9), against
// what the main site last pushed (lib/vps/lists) and the owner's SSH keys, inside the ask's
// transaction (lib/vps/actions/request.ts):
//   snapshot_create   the plan's snapshot_limit (default 3): at the limit it is 422;
//   snapshot_restore, snapshot_delete, backup_restore   the id must be in the pushed list (400);
//   set_rdns          the ip must be one of the VPS's addresses (400); ip and hostname are
//                     normalised (RFC 5952 IPv6, lower case, no trailing dot);
//   reinstall         ssh_key_ids are the owner's keys, resolved to `ssh_keys`
//                     [{id, name, fingerprint, public_key}] in the request's params, so the
//                     main site gets the keys themselves in vps.action_requested.
// Returns the params to store in place of the asked ones.
import ipaddr from "ipaddr.js";
import type { Db } from "../../db";
import { AppError, badRequest } from "../../errors";
import { resolveSshKeys } from "../../ssh-keys/ssh-keys";
import { readLists, vpsAddresses } from "../lists/get-vps-lists";
import type { ActionInput } from "./params";

type Tx = Pick<Db, "vps" | "sshKey">;

const sameId = (a: string | number, b: string | number) => String(a) === String(b);

export function normaliseIp(ip: string): string {
  try {
    return ipaddr.process(ip).toString();
  } catch {
    return ip;
  }
}

export async function prepareSelfServiceAction(tx: Tx, vps: { id: number; userId: number }, input: ActionInput, params: Record<string, unknown>): Promise<Record<string, unknown>> {
  switch (input.action) {
    case "snapshot_create": {
      const l = await readLists(tx, { id: vps.id });
      if (l.snapshots.length >= l.snapshotLimit)
        throw new AppError(
          422,
          `The plan allows ${l.snapshotLimit} snapshot${l.snapshotLimit === 1 ? "" : "s"} and this VPS has ${l.snapshots.length}: delete one first`,
        );
      return params;
    }
    case "snapshot_restore":
    case "snapshot_delete": {
      const l = await readLists(tx, { id: vps.id });
      if (!l.snapshots.some((s) => sameId(s.id, input.snapshot_id)))
        throw badRequest(`snapshot_id ${input.snapshot_id} is not a snapshot of this VPS`);
      return params;
    }
    case "backup_restore": {
      const l = await readLists(tx, { id: vps.id });
      if (!l.backups.some((b) => sameId(b.id, input.backup_id))) throw badRequest(`backup_id ${input.backup_id} is not a backup of this VPS`);
      return params;
    }
    case "set_rdns": {
      const l = await readLists(tx, { id: vps.id });
      const ip = normaliseIp(input.ip);
      const own = vpsAddresses(l.ipAddress, l.rdns).map((a) => normaliseIp(a.ip));
      if (!own.includes(ip)) throw badRequest(`ip ${input.ip} is not an address of this VPS`);
      return { ...params, ip };
    }
    case "reinstall": {
      if (!input.ssh_key_ids?.length) return params;
      return { ...params, ssh_keys: await resolveSshKeys(tx, vps.userId, input.ssh_key_ids) };
    }
    default:
      return params;
  }
}
