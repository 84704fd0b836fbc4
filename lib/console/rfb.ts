// The RFB (VNC) handshake on both sides of the console proxy (RFC 6143 §7.1–7.2).
// Upstream, the panel is the client: it negotiates the version, answers VNC authentication
// (the DES challenge, des.js) with the password the main site handed over, and reads the
// security result. Towards the browser the panel is the server and offers security type
// None only — the browser never learns the password. After both handshakes the two
// streams carry the same protocol (ClientInit onwards is identical in 3.3, 3.7 and 3.8),
// so the proxy copies bytes unchanged.
import { DES } from "des.js";
import type { ByteReader } from "./byte-reader";

export const SECURITY_NONE = 1;
export const SECURITY_VNC_AUTH = 2;

export class RfbError extends Error {
  constructor(
    readonly kind: "protocol" | "auth" | "unsupported",
    message: string,
  ) {
    super(message);
  }
}

interface Side {
  reader: ByteReader;
  write: (b: Buffer) => void;
}

/** The minor version of an `RFB 003.00x\n` greeting (3, 7 or 8; later versions count as 8). */
export function parseVersion(b: Buffer): number {
  const m = /^RFB (\d{3})\.(\d{3})\n$/.exec(b.toString("latin1"));
  if (!m || Number(m[1]) !== 3) throw new RfbError("protocol", "not an RFB 3.x peer");
  const minor = Number(m[2]);
  return minor >= 8 ? 8 : minor >= 7 ? 7 : 3;
}

const versionLine = (minor: number) => Buffer.from(`RFB 003.00${minor}\n`, "latin1");

/** The DES key VNC derives from a password: its first 8 bytes, zero-padded, each byte's bits reversed. */
export function vncKey(password: string): Buffer {
  const key = Buffer.alloc(8);
  Buffer.from(password, "latin1").copy(key, 0, 0, 8);
  for (let i = 0; i < 8; i++) {
    let b = key[i];
    let r = 0;
    for (let j = 0; j < 8; j++) {
      r = (r << 1) | (b & 1);
      b >>= 1;
    }
    key[i] = r;
  }
  return key;
}

/** The 16-byte response to a VNC authentication challenge (DES-ECB of the challenge). */
export function vncAuthResponse(password: string, challenge: Buffer): Buffer {
  if (challenge.length !== 16) throw new RfbError("protocol", "the VNC challenge is 16 bytes");
  const cipher = DES.create({ type: "encrypt", key: vncKey(password), padding: false });
  return Buffer.from([...cipher.update(challenge), ...cipher.final()]);
}

async function readReason(reader: ByteReader): Promise<string> {
  const len = (await reader.read(4)).readUInt32BE(0);
  return (await reader.read(Math.min(len, 4096))).toString("utf8");
}

/** Panel → upstream VNC server: version, security, VNC authentication. Resolves when the
 *  server has accepted; throws RfbError otherwise. */
export async function authenticateUpstream(up: Side, password: string | undefined): Promise<{ minor: number; security: number }> {
  const minor = parseVersion(await up.reader.read(12));
  up.write(versionLine(minor));
  let offered: number[];
  if (minor === 3) {
    const type = (await up.reader.read(4)).readUInt32BE(0);
    if (type === 0) throw new RfbError("unsupported", `the VNC server refused the connection: ${await readReason(up.reader)}`);
    offered = [type];
  } else {
    const n = (await up.reader.read(1))[0];
    if (n === 0) throw new RfbError("unsupported", `the VNC server refused the connection: ${await readReason(up.reader)}`);
    offered = [...(await up.reader.read(n))];
  }
  let security: number;
  if (offered.includes(SECURITY_VNC_AUTH) && password !== undefined) security = SECURITY_VNC_AUTH;
  else if (offered.includes(SECURITY_NONE)) security = SECURITY_NONE;
  else if (offered.includes(SECURITY_VNC_AUTH)) throw new RfbError("auth", "the VNC server wants a password and the main site gave none");
  else throw new RfbError("unsupported", `the VNC server offers no security type the panel speaks (offered: ${offered.join(", ")}; the panel speaks None and VNC authentication)`);
  if (minor !== 3) up.write(Buffer.from([security]));
  if (security === SECURITY_VNC_AUTH && password !== undefined) {
    const challenge = await up.reader.read(16);
    up.write(vncAuthResponse(password, challenge));
  }
  if (security === SECURITY_VNC_AUTH || minor === 8) {
    const result = (await up.reader.read(4)).readUInt32BE(0);
    if (result !== 0) {
      const reason = minor === 8 ? await readReason(up.reader).catch(() => "") : "";
      throw new RfbError("auth", `the VNC server refused the password${reason ? `: ${reason}` : ""}`);
    }
  }
  return { minor, security };
}

/** Panel → browser: the panel plays the server and offers None (the password stays here). */
export async function greetBrowser(browser: Side): Promise<{ minor: number }> {
  browser.write(versionLine(8));
  const minor = parseVersion(await browser.reader.read(12));
  if (minor === 3) {
    const b = Buffer.alloc(4);
    b.writeUInt32BE(SECURITY_NONE);
    browser.write(b);
    return { minor };
  }
  browser.write(Buffer.from([1, SECURITY_NONE]));
  const chosen = (await browser.reader.read(1))[0];
  if (chosen !== SECURITY_NONE) {
    if (minor === 8) {
      const reason = Buffer.from("only security type None is offered", "utf8");
      const out = Buffer.alloc(8 + reason.length);
      out.writeUInt32BE(1, 0);
      out.writeUInt32BE(reason.length, 4);
      reason.copy(out, 8);
      browser.write(out);
    }
    throw new RfbError("protocol", `the browser chose security type ${chosen}`);
  }
  if (minor === 8) browser.write(Buffer.alloc(4)); // SecurityResult OK
  return { minor };
}
