// Real VNC servers for the console tests and benchmark: Debian's Xvfb + x11vnc (the
// reference main site's desktop, examples/main-site/src/actions-console.ts) and websockify
// in front of one for the WebSocket kind of upstream (what Proxmox's vncwebsocket is).
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { connect } from "node:net";
import { freePort } from "./pg";

export { startDesktop, desktopsAvailable, type Desktop } from "../../examples/main-site/src/actions-console";

export const websockifyAvailable = () => existsSync("/usr/bin/websockify");

/** websockify on 127.0.0.1:<free port> bridging to `port`; resolves once it accepts connections. */
export async function startWebsockify(port: number): Promise<{ url: string; stop: () => void }> {
  const wsPort = await freePort();
  const child = spawn("/usr/bin/websockify", [`127.0.0.1:${wsPort}`, `127.0.0.1:${port}`], { stdio: "ignore" });
  const deadline = Date.now() + 15_000;
  for (;;) {
    const ok = await new Promise<boolean>((r) => {
      const s = connect({ host: "127.0.0.1", port: wsPort }, () => (s.destroy(), r(true)));
      s.once("error", () => r(false));
    });
    if (ok) break;
    if (child.exitCode !== null || Date.now() > deadline) throw new Error("websockify did not start");
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url: `ws://127.0.0.1:${wsPort}/`, stop: () => void child.kill("SIGTERM") };
}
