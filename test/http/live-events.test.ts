// Sync changes reach the owner's open dashboards live, through socket.io, whichever panel
// process the socket is connected to — and nobody else's.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { io, type Socket } from "socket.io-client";
import { SessionClient } from "../support/http";
import { startPanel, TEST_ADMIN, type Panel } from "../support/panel";
import { sync } from "../support/sync";

interface Received {
  type: string;
  payload: { vps: { id: number; status: string; user_id: number } };
}

function connect(url: string, client: SessionClient): Promise<{ socket: Socket; events: Received[] }> {
  const cookie = client.cookieList.map((c) => `${c.name}=${c.value}`).join("; ");
  const socket = io(url, { path: "/socket.io/", transports: ["websocket"], extraHeaders: { cookie }, reconnection: false });
  const events: Received[] = [];
  for (const type of ["vps.created", "vps.updated", "vps.status_changed", "vps.deleted"])
    socket.on(type, (msg: Omit<Received, "type">) => events.push({ ...msg, type }));
  return new Promise((resolve, reject) => {
    socket.once("connect", () => resolve({ socket, events }));
    socket.once("connect_error", reject);
  });
}

async function until(check: () => boolean, ms = 5000) {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) return false;
    await new Promise((r) => setTimeout(r, 20));
  }
  return true;
}

describe("live events across panel processes", () => {
  let a: Panel;
  let b: Panel;
  const sockets: Socket[] = [];
  before(async () => {
    a = await startPanel();
    // A second process on the same database and secret, as behind a load balancer.
    b = await startPanel({ databaseUrl: a.databaseUrl, env: { NEXTAUTH_SECRET: a.env.NEXTAUTH_SECRET } });
  });
  after(async () => {
    for (const s of sockets) s.close();
    await b?.kill();
    await a?.stop();
  });

  it("a sync update on one process reaches the owner's sockets on both, and admins, but not another client", async () => {
    const owner = new SessionClient(a.url);
    const other = new SessionClient(a.url);
    const admin = new SessionClient(b.url);
    assert.ok(await owner.signIn("client@ospab.local", "client-demo-pass"));
    assert.ok(await other.signIn("jane", "client2-demo-pass"));
    assert.ok(await admin.signIn(TEST_ADMIN.email, TEST_ADMIN.password));
    const onA = await connect(a.url, owner);
    const onB = await connect(b.url, owner);
    const jane = await connect(b.url, other);
    const adminB = await connect(b.url, admin);
    sockets.push(onA.socket, onB.socket, jane.socket, adminB.socket);

    const vps = (await (await owner.fetch("/api/vps")).json()).vps[0];
    const status = vps.status === "stopped" ? "running" : "stopped";
    const r = await sync(a.url, { action: "update", vps: { id: vps.id, status } }, { key: a.env.VPS_SYNC_API_KEY });
    assert.equal(r.status, 200);

    const seen = (s: { events: Received[] }) => s.events.some((e) => e.type === "vps.status_changed" && e.payload.vps.id === vps.id && e.payload.vps.status === status);
    assert.ok(await until(() => seen(onA)), "owner's socket on the process that took the write");
    assert.ok(await until(() => seen(onB)), "owner's socket on the other process");
    assert.ok(await until(() => seen(adminB)), "an admin's socket");
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(jane.events.length, 0, "another client hears nothing");

    // And the other way round: a write on B reaches A.
    const back = vps.status;
    await sync(b.url, { action: "update", vps: { id: vps.id, status: back } }, { key: a.env.VPS_SYNC_API_KEY });
    assert.ok(await until(() => onA.events.some((e) => e.payload.vps.status === back && e.type === "vps.status_changed")));
  });
});
