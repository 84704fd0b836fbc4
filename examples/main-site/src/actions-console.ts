// The `console` action for the simulated hypervisor (PRODUCT.md §10): each VPS gets a real
// desktop — Debian's Xvfb with a small Tk "terminal" (wish, which x11vnc depends on) and
// x11vnc serving it on 127.0.0.1 with a random VNC password — and the request is completed
// with result.vnc {host, port, password}. A real main site would answer with Proxmox's
// vncproxy/vncwebsocket instead (docs/console.md). Where Xvfb or x11vnc is not installed
// the request fails with a message saying so.
//   apt-get install xvfb x11vnc
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { createServer } from "node:net";
import type { PanelClient } from "./panel-client";

export interface Desktop {
  host: string;
  port: number;
  display: number;
  password?: string;
  /** What x11vnc printed (with debugKeyboard: every key it received). */
  logs(): string;
  stop(): void;
}

export interface DesktopOptions {
  /** Shown in the desktop's title bar and text. */
  label: string;
  /** A VNC password (VNC authentication; only its first 8 characters count); none: no authentication. */
  password?: string;
  /** x11vnc logs every key event it receives (tests check typing arrived). */
  debugKeyboard?: boolean;
  width?: number;
  height?: number;
}

const BIN = { xvfb: "/usr/bin/Xvfb", x11vnc: "/usr/bin/x11vnc", wish: "/usr/bin/wish", xsetroot: "/usr/bin/xsetroot" };
export const desktopsAvailable = () => existsSync(BIN.xvfb) && existsSync(BIN.x11vnc);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** Waits until `child`'s output (stdout or `fd`) matches `re`. */
function waitFor(child: ChildProcess, stream: NodeJS.ReadableStream, re: RegExp, what: string, timeoutMs = 15_000): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    let seen = "";
    const timer = setTimeout(() => done(new Error(`${what} did not start within ${timeoutMs} ms: ${seen.slice(-500)}`)), timeoutMs);
    const onData = (d: Buffer) => {
      seen += d.toString();
      const m = re.exec(seen);
      if (m) done(null, m);
    };
    const onExit = (code: number | null) => done(new Error(`${what} exited (${code}): ${seen.slice(-500)}`));
    function done(err: Error | null, m?: RegExpMatchArray) {
      clearTimeout(timer);
      stream.off("data", onData);
      child.off("exit", onExit);
      if (err) reject(err);
      else resolve(m!);
    }
    stream.on("data", onData);
    child.once("exit", onExit);
  });
}

// A title and a text box with the keyboard focus: what is typed over the console shows up.
const TK_SCRIPT = (label: string) => `
wm geometry . 1024x768+0+0
. configure -background "#0f172a"
label .title -text {${label.replace(/[{}\\]/g, "")}} -font {Helvetica 28 bold} -foreground "#f8fafc" -background "#1d4ed8" -anchor w -padx 24 -pady 18
label .hint -text {ospab demo VPS console: type here} -font {Helvetica 16} -foreground "#cbd5e1" -background "#0f172a" -anchor w -padx 24 -pady 10
text .t -font {Courier 20} -foreground "#4ade80" -background "#020617" -insertbackground "#4ade80" -borderwidth 0 -padx 16 -pady 12
pack .title -fill x
pack .hint -fill x
pack .t -fill both -expand 1 -padx 24 -pady 24
.t insert end "login: "
.t configure -insertofftime 0
focus -force .t
after 300 {focus -force .t}
`;

export async function startDesktop(opts: DesktopOptions): Promise<Desktop> {
  const children: ChildProcess[] = [];
  let vnc: ChildProcess | undefined;
  // x11vnc sometimes ignores SIGTERM (seen with -forever once a client has left): SIGKILL it.
  const stop = () => {
    for (const c of [...children].reverse()) if (c.exitCode === null && c.signalCode === null) c.kill(c === vnc ? "SIGKILL" : "SIGTERM");
  };
  try {
    const xvfb = spawn(BIN.xvfb, ["-displayfd", "3", "-screen", "0", `${opts.width ?? 1024}x${opts.height ?? 768}x24`, "-nolisten", "tcp", "-nolisten", "unix", "-ac"], {
      stdio: ["ignore", "ignore", "pipe", "pipe"],
    });
    // -nolisten unix leaves the abstract socket on Linux, which is what the clients use.
    children.push(xvfb);
    const display = Number((await waitFor(xvfb, xvfb.stdio[3] as NodeJS.ReadableStream, /^(\d+)\n/, "Xvfb"))[1]);
    const env = { ...process.env, DISPLAY: `:${display}` };
    if (existsSync(BIN.xsetroot)) spawn(BIN.xsetroot, ["-solid", "#0f172a"], { env, stdio: "ignore" });
    if (existsSync(BIN.wish)) {
      const wish = spawn(BIN.wish, [], { env, stdio: ["pipe", "ignore", "ignore"] });
      wish.stdin!.end(TK_SCRIPT(opts.label));
      children.push(wish);
    }
    const port = await freePort();
    const args = ["-display", `:${display}`, "-rfbport", String(port), "-localhost", "-forever", "-shared", "-noxdamage", "-nopw"];
    if (opts.password !== undefined) args.splice(args.indexOf("-nopw"), 1, "-passwd", opts.password);
    if (opts.debugKeyboard) args.push("-debug_keyboard");
    vnc = spawn(BIN.x11vnc, args, { env, stdio: ["ignore", "pipe", "pipe"] });
    children.push(vnc);
    let out = "";
    vnc.stdout!.on("data", (d) => (out += d));
    vnc.stderr!.on("data", (d) => (out = (out + d).slice(-200_000)));
    await waitFor(vnc, vnc.stdout!, /PORT=(\d+)/, "x11vnc");
    return { host: "127.0.0.1", port, display, password: opts.password, logs: () => out, stop };
  } catch (err) {
    stop();
    throw err;
  }
}

interface ConsoleRequested {
  action: string;
  request_id: number;
  vps: { id: number; name: string };
}

const desktops = new Map<number, Promise<Desktop>>();
/** The started ones, for the synchronous "exit" handler (no promise settles in there). */
const started: Desktop[] = [];
process.once("exit", () => {
  for (const d of started) d.stop();
});

/** Handles `vps.action_requested` for `console`; false for every other action. */
export async function consoleAction(panel: PanelClient, payload: unknown, log: (msg: string) => void): Promise<boolean> {
  const a = payload as ConsoleRequested;
  if (a.action !== "console") return false;
  const path = `/api/vps/actions/${a.request_id}`;
  const key = `action-${a.request_id}`;
  if (!desktopsAvailable()) {
    await panel.post(path, { status: "failed", message: "This main site has no VNC server: install xvfb and x11vnc (apt-get install xvfb x11vnc)" }, key);
    return true;
  }
  let desktop = desktops.get(a.vps.id);
  if (!desktop) {
    desktop = startDesktop({ label: `${a.vps.name} (VPS ${a.vps.id})`, password: randomBytes(6).toString("base64url") });
    desktops.set(a.vps.id, desktop);
    desktop.then((d) => void started.push(d), () => {});
    desktop.catch(() => desktops.delete(a.vps.id));
  }
  try {
    const d = await desktop;
    await panel.post(path, { status: "completed", result: { vnc: { host: d.host, port: d.port, password: d.password } } }, key);
    log(`VPS ${a.vps.id}: console ready (display :${d.display}, request ${a.request_id})`);
  } catch (err) {
    await panel.post(path, { status: "failed", message: `The console could not be started: ${(err as Error).message.slice(0, 200)}` }, key);
  }
  return true;
}
