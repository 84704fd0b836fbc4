// Retrying a failed reinstall: the OS and SSH keys of the earlier request, the deleted keys named.
import assert from "node:assert/strict";
import { test } from "node:test";
import { reinstallPreset, deletedPresetKeys } from "../../../../lib/vps/actions/retry-preset";

// The params a reinstall request stores (self-service.ts resolves ssh_key_ids to ssh_keys).
const stored = {
  os: "Ubuntu 24.04",
  ssh_key_ids: [7, 3],
  ssh_keys: [
    { id: 7, name: "laptop", fingerprint: "SHA256:aaa", public_key: "ssh-ed25519 AAAA laptop" },
    { id: 3, name: "ci", fingerprint: "SHA256:bbb", public_key: "ssh-ed25519 BBBB ci" },
  ],
};

test("the OS and the keys in the order they were asked, with their names", () => {
  assert.deepEqual(reinstallPreset(stored), { os: "Ubuntu 24.04", keys: [{ id: 7, name: "laptop" }, { id: 3, name: "ci" }] });
});

test("a request without keys presets none; malformed entries are skipped, an unnamed id keeps its number", () => {
  assert.deepEqual(reinstallPreset({ os: "Debian 12" }), { os: "Debian 12", keys: [] });
  assert.deepEqual(reinstallPreset({ os: "", ssh_key_ids: [5, "x", -1, 5, 2.5], ssh_keys: [null, { id: "5", name: "no" }] }), { keys: [{ id: 5, name: "#5" }] });
  // Only ssh_keys (an older shape): the ids come from there.
  assert.deepEqual(reinstallPreset({ os: "Alma 9", ssh_keys: [{ id: 9, name: "desk" }] }).keys, [{ id: 9, name: "desk" }]);
});

test("the keys deleted since are the ones the key list no longer has", () => {
  const { keys } = reinstallPreset(stored);
  assert.deepEqual(deletedPresetKeys(keys, [{ id: 3 }, { id: 11 }]), [{ id: 7, name: "laptop" }]);
  assert.deepEqual(deletedPresetKeys(keys, [{ id: 7 }, { id: 3 }]), []);
  assert.deepEqual(deletedPresetKeys(keys, []), keys);
});
