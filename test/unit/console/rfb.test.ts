// The RFB handshake pieces against fixed bytes (the live servers are in test/http/console.test.ts).
import assert from "node:assert/strict";
import { createCipheriv } from "node:crypto";
import { describe, it } from "node:test";
import { ByteReader } from "../../../lib/console/byte-reader";
import { authenticateUpstream, greetBrowser, parseVersion, RfbError, vncAuthResponse, vncKey } from "../../../lib/console/rfb";

/** A scripted peer: what it sends, and what it was sent. */
function peer(...incoming: Buffer[]) {
  const reader = new ByteReader();
  for (const b of incoming) reader.push(b);
  const sent: Buffer[] = [];
  return { side: { reader, write: (b: Buffer) => void sent.push(b) }, sent };
}
const u32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
};

describe("rfb", () => {
  it("versions: 3.3, 3.7, 3.8 and later as 3.8; anything else is refused", () => {
    assert.equal(parseVersion(Buffer.from("RFB 003.003\n")), 3);
    assert.equal(parseVersion(Buffer.from("RFB 003.007\n")), 7);
    assert.equal(parseVersion(Buffer.from("RFB 003.889\n")), 8);
    assert.throws(() => parseVersion(Buffer.from("HTTP/1.1 200\n")), RfbError);
  });

  it("the VNC key reverses each byte's bits; the response is DES-ECB of the challenge", () => {
    assert.deepEqual([...vncKey("\x01\x80")], [0x80, 0x01, 0, 0, 0, 0, 0, 0]);
    const challenge = Buffer.from("00112233445566778899aabbccddeeff", "hex");
    let expected: Buffer | null = null;
    try {
      const c = createCipheriv("des-ecb", vncKey("secret"), null).setAutoPadding(false);
      expected = Buffer.concat([c.update(challenge), c.final()]);
    } catch {
      /* OpenSSL 3 without the legacy provider: no DES here to compare with */
    }
    const got = vncAuthResponse("secret", challenge);
    assert.equal(got.length, 16);
    if (expected) assert.deepEqual(got, expected);
    assert.deepEqual(vncAuthResponse("secret12-and-more", challenge), vncAuthResponse("secret12", challenge), "only 8 characters count");
  });

  it("upstream 3.8 with VNC authentication: picks type 2, answers the challenge, reads OK", async () => {
    const challenge = Buffer.alloc(16, 7);
    const { side, sent } = peer(Buffer.from("RFB 003.008\n"), Buffer.from([2, 1, 2]), challenge, u32(0));
    assert.deepEqual(await authenticateUpstream(side, "pw"), { minor: 8, security: 2 });
    assert.equal(sent[0].toString(), "RFB 003.008\n");
    assert.deepEqual([...sent[1]], [2]);
    assert.deepEqual(sent[2], vncAuthResponse("pw", challenge));
  });

  it("upstream refusals: a wrong password (with the server's reason), no password given, no known type", async () => {
    const wrong = peer(Buffer.from("RFB 003.008\n"), Buffer.from([1, 2]), Buffer.alloc(16), u32(1), u32(4), Buffer.from("nope"));
    await assert.rejects(authenticateUpstream(wrong.side, "pw"), (e: RfbError) => e.kind === "auth" && /nope/.test(e.message));
    const none = peer(Buffer.from("RFB 003.008\n"), Buffer.from([1, 2]));
    await assert.rejects(authenticateUpstream(none.side, undefined), (e: RfbError) => e.kind === "auth");
    const vencrypt = peer(Buffer.from("RFB 003.008\n"), Buffer.from([1, 19]));
    await assert.rejects(authenticateUpstream(vencrypt.side, "pw"), (e: RfbError) => e.kind === "unsupported");
  });

  it("upstream 3.3 with None: no security result is read", async () => {
    const { side, sent } = peer(Buffer.from("RFB 003.003\n"), u32(1));
    assert.deepEqual(await authenticateUpstream(side, undefined), { minor: 3, security: 1 });
    assert.equal(sent.length, 1);
  });

  it("the browser is offered None only, and told OK (3.8)", async () => {
    const { side, sent } = peer(Buffer.from("RFB 003.008\n"), Buffer.from([1]));
    await greetBrowser(side);
    assert.equal(sent[0].toString(), "RFB 003.008\n");
    assert.deepEqual([...sent[1]], [1, 1]);
    assert.deepEqual([...sent[2]], [0, 0, 0, 0]);
    const bad = peer(Buffer.from("RFB 003.008\n"), Buffer.from([2]));
    await assert.rejects(greetBrowser(bad.side), RfbError);
  });
});
