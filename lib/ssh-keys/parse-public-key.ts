// One OpenSSH public key line → its normalised form and SHA256 fingerprint, with sshpk (the
// parser npm's own registry and Joyent's tools use). Accepted: ed25519, ECDSA (nistp256/384/
// 521) and RSA of at least 2048 bits (PRODUCT.md §9); DSA, short RSA, private keys,
// certificates and several keys at once are refused with a message that says which, and a
// `reason` (the UI's translated text of it): private_key, several_lines, not_openssh,
// key_type, rsa_too_short.
import sshpk from "sshpk";
import { badRequest } from "../errors";

export const RSA_MIN_BITS = 2048;

export interface ParsedPublicKey {
  /** "type base64 comment", exactly one line. */
  line: string;
  type: string;
  bits: number;
  fingerprint: string;
  comment: string;
}

const SSH_NAMES: Record<string, (bits: number) => string> = {
  ed25519: () => "ssh-ed25519",
  rsa: () => "ssh-rsa",
  ecdsa: (bits) => `ecdsa-sha2-nistp${bits}`,
};

export function parsePublicKey(input: string): ParsedPublicKey {
  const text = input.trim();
  if (/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(text) || /PRIVATE KEY/.test(text))
    throw badRequest("public_key is a private key: paste the .pub file (ssh-keygen -y -f key prints it), and never share the private key", { reason: "private_key" });
  if (/[\r\n]/.test(text)) throw badRequest("public_key must be one key on one line (add several keys one by one)", { reason: "several_lines" });
  let key: sshpk.Key;
  try {
    key = sshpk.parseKey(text, "ssh");
  } catch {
    throw badRequest("public_key is not an OpenSSH public key (expected a line such as \"ssh-ed25519 AAAA… you@host\")", { reason: "not_openssh" });
  }
  const name = SSH_NAMES[key.type];
  if (!name) throw badRequest(`public_key: ${key.type.toUpperCase()} keys are not accepted; use ed25519, ECDSA or RSA (${RSA_MIN_BITS} bits or more)`, { reason: "key_type" });
  if (key.type === "rsa" && key.size < RSA_MIN_BITS)
    throw badRequest(`public_key: this RSA key has ${key.size} bits; at least ${RSA_MIN_BITS} are needed (ssh-keygen -t ed25519 makes a better one)`, { reason: "rsa_too_short" });
  const comment = key.comment && key.comment !== "(unnamed)" ? key.comment : "";
  const base64 = key.toBuffer("ssh", {}).toString("utf8").split(" ")[1];
  return {
    line: [name(key.size), base64, comment].filter(Boolean).join(" "),
    type: name(key.size),
    bits: key.size,
    fingerprint: key.fingerprint("sha256").toString(),
    comment,
  };
}
