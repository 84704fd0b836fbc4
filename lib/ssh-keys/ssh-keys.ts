// A user's SSH keys: list, add, delete. Keys are personal: everyone, admins included, sees
// and changes only their own (the owner filter is in each `where`); another user's key id is
// 404 like an unknown one. The same key (by fingerprint) twice is 409.
import { SYSTEM_AUDIT, type AuditContext } from "../audit/context";
import { recordAudit } from "../audit/record-audit";
import type { Db } from "../db";
import { isUniqueViolation } from "../db-errors";
import { badRequest, conflict, notFound } from "../errors";
import type { Actor } from "../users/actor";
import { parsePublicKey } from "./parse-public-key";
import { SSH_KEYS_MAX, type CreateSshKeyBody, type SshKeyView } from "./schemas";

interface SshKeyRow {
  id: number;
  name: string;
  keyType: string;
  bits: number;
  fingerprint: string;
  publicKey: string;
  createdAt: Date;
}

export function toSshKeyView(r: SshKeyRow): SshKeyView {
  return { id: r.id, name: r.name, type: r.keyType, bits: r.bits, fingerprint: r.fingerprint, public_key: r.publicKey, created_at: r.createdAt.toISOString() };
}

export async function listSshKeys(db: Db, actor: Actor): Promise<SshKeyView[]> {
  const rows = await db.sshKey.findMany({ where: { userId: actor.userId }, orderBy: { id: "asc" } });
  return rows.map(toSshKeyView);
}

export async function addSshKey(db: Db, actor: Actor, input: CreateSshKeyBody, audit: AuditContext = SYSTEM_AUDIT): Promise<SshKeyView> {
  const key = parsePublicKey(input.public_key);
  try {
    return await db.$transaction(async (tx) => {
      // Serialises one user's adds, so the cap holds under concurrent requests.
      await tx.$queryRaw`SELECT id FROM users WHERE id = ${actor.userId} FOR UPDATE`;
      if ((await tx.sshKey.count({ where: { userId: actor.userId } })) >= SSH_KEYS_MAX)
        throw conflict(`You already have ${SSH_KEYS_MAX} SSH keys: delete one first`);
      const row = await tx.sshKey.create({
        data: { userId: actor.userId, name: input.name, publicKey: key.line, fingerprint: key.fingerprint, keyType: key.type, bits: key.bits },
      });
      await recordAudit(tx, audit, { action: "ssh_key.added", targetType: "user", targetId: actor.userId, details: { ssh_key_id: row.id, fingerprint: row.fingerprint } });
      return toSshKeyView(row);
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict(`This key is already saved (${key.fingerprint})`);
    throw err;
  }
}

export async function deleteSshKey(db: Db, actor: Actor, id: number, audit: AuditContext = SYSTEM_AUDIT): Promise<void> {
  await db.$transaction(async (tx) => {
    const row = await tx.sshKey.findFirst({ where: { id, userId: actor.userId }, select: { fingerprint: true } });
    if (!row) throw notFound(`SSH key ${id} not found`);
    await tx.sshKey.delete({ where: { id } });
    await recordAudit(tx, audit, { action: "ssh_key.deleted", targetType: "user", targetId: actor.userId, details: { ssh_key_id: id, fingerprint: row.fingerprint } });
  });
}

/** A reinstall's `ssh_key_ids` → the owner's keys, in the order named; an id that is not one of theirs is 400. */
export async function resolveSshKeys(
  tx: Pick<Db, "sshKey">,
  ownerId: number,
  ids: readonly number[],
): Promise<{ id: number; name: string; fingerprint: string; public_key: string }[]> {
  const unique = [...new Set(ids)];
  const rows = await tx.sshKey.findMany({ where: { userId: ownerId, id: { in: unique } } });
  const byId = new Map(rows.map((r) => [r.id, r]));
  const missing = unique.filter((id) => !byId.has(id));
  if (missing.length) throw badRequest(`ssh_key_ids: ${missing.join(", ")} ${missing.length === 1 ? "is not one of your SSH keys" : "are not your SSH keys"}`);
  return rows
    .sort((a, b) => unique.indexOf(a.id) - unique.indexOf(b.id))
    .map((r) => ({ id: r.id, name: r.name, fingerprint: r.fingerprint, public_key: r.publicKey }));
}
