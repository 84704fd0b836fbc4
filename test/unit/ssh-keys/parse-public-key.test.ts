import assert from "node:assert/strict";
import { test } from "node:test";
import { AppError } from "../../../lib/errors";
import { parsePublicKey } from "../../../lib/ssh-keys/parse-public-key";
import { DSA, ECDSA_384, ED25519, PRIVATE_KEY, RSA_1024, RSA_3072 } from "../../fixtures/ssh-keys";

const refused = (input: string, message: RegExp) =>
  assert.throws(() => parsePublicKey(input), (e: unknown) => e instanceof AppError && e.status === 400 && message.test(e.message));

test("ed25519, ECDSA and RSA ≥ 2048 parse with ssh-keygen's SHA256 fingerprint", () => {
  const ed = parsePublicKey(ED25519.line);
  assert.deepEqual({ type: ed.type, bits: ed.bits, fingerprint: ed.fingerprint, comment: ed.comment }, { type: "ssh-ed25519", bits: 256, fingerprint: ED25519.fingerprint, comment: "me@laptop" });
  assert.equal(ed.line, ED25519.line);
  const rsa = parsePublicKey(RSA_3072.line);
  assert.deepEqual([rsa.type, rsa.bits, rsa.fingerprint], ["ssh-rsa", 3072, RSA_3072.fingerprint]);
  const ec = parsePublicKey(ECDSA_384.line);
  assert.deepEqual([ec.type, ec.bits, ec.fingerprint, ec.comment], ["ecdsa-sha2-nistp384", 384, ECDSA_384.fingerprint, ""]);
});

test("surrounding blanks and a missing comment are fine; the stored line is normalised", () => {
  const bare = ED25519.line.split(" ").slice(0, 2).join(" ");
  const k = parsePublicKey(`  ${bare}\n`);
  assert.equal(k.line, bare);
  assert.equal(k.fingerprint, ED25519.fingerprint);
});

test("short RSA, DSA, private keys, several lines and garbage are refused with a reason", () => {
  refused(RSA_1024.line, /1024 bits; at least 2048/);
  refused(DSA.line, /DSA keys are not accepted/);
  refused(PRIVATE_KEY, /private key/);
  refused(`${ED25519.line}\n${RSA_3072.line}`, /one key on one line/);
  refused("ssh-ed25519 AAAAnot-base64!!", /not an OpenSSH public key/);
  refused("hello", /not an OpenSSH public key/);
  // A valid base64 body under the wrong type name.
  refused(`ssh-rsa ${ED25519.line.split(" ")[1]}`, /not an OpenSSH public key/);
});

test("each refusal names its reason, which the UI tells in its language", () => {
  const reason = (input: string) => {
    try {
      parsePublicKey(input);
    } catch (e) {
      return e instanceof AppError ? e.details?.reason : undefined;
    }
    return "accepted";
  };
  assert.equal(reason(RSA_1024.line), "rsa_too_short");
  assert.equal(reason(DSA.line), "key_type");
  assert.equal(reason(PRIVATE_KEY), "private_key");
  assert.equal(reason(`${ED25519.line}\n${RSA_3072.line}`), "several_lines");
  assert.equal(reason("hello"), "not_openssh");
  // The ssh-keys form's list (components/ssh-keys/ssh-keys-manager.tsx) has a text for each.
  return import("../../../lib/i18n/messages").then(({ MESSAGES }) => {
    for (const r of ["rsa_too_short", "key_type", "private_key", "several_lines", "not_openssh"]) {
      for (const locale of ["ru", "en"] as const) assert.ok((MESSAGES[locale].sshKeys.keyReason as Record<string, string>)[r], `${locale} sshKeys.keyReason.${r}`);
    }
  });
});
