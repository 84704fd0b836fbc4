// Who made a change and from where, as route() knows it: handed to services so the audit
// row written with the change names its author. Browser-safe (types and a pure builder).
export type AuditActorType = "user" | "token" | "machine" | "system";

/** The machine callers that authenticate with the sync key (and Bitrix, with a token). */
export type MachineLabel = "main-site" | "billmanager";

export interface AuditContext {
  actorType: AuditActorType;
  /** The signed-in user (session or token owner); null for machines and the system. */
  userId: number | null;
  tokenId: number | null;
  /** A human label: a machine's name; for users the email is filled in at insert time. */
  label: string | null;
  clientAddress: string | null;
  requestId: string | null;
}

/** Changes made by the panel itself (seed data, background workers, scripts). */
export const SYSTEM_AUDIT: AuditContext = {
  actorType: "system",
  userId: null,
  tokenId: null,
  label: null,
  clientAddress: null,
  requestId: null,
};

export function auditContextOf(input: {
  actor: { userId: number; tokenId?: number } | null;
  machine: boolean;
  clientAddress: string | null;
  requestId: string;
}): AuditContext {
  const { actor, machine, clientAddress, requestId } = input;
  if (actor)
    return {
      actorType: actor.tokenId ? "token" : "user",
      userId: actor.userId,
      tokenId: actor.tokenId ?? null,
      label: null,
      clientAddress,
      requestId,
    };
  return {
    actorType: machine ? "machine" : "system",
    userId: null,
    tokenId: null,
    label: machine ? "main-site" : null,
    clientAddress,
    requestId,
  };
}

/** The same context relabelled for another machine caller on the sync key (BILLmanager). */
export const asMachine = (ctx: AuditContext, label: MachineLabel): AuditContext => ({ ...ctx, actorType: "machine", label });
