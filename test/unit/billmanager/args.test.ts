// Reading BILLmanager's arguments: --name=value in any order, values with '=', spaces,
// quotes and Cyrillic kept as given, tariff parameter names mapped, values validated.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DEFAULT_PARAM_MAP, parseArgs, serviceVpsId, vpsParams, type BillmanagerSettings } from "../../../lib/billmanager/args";
import { AppError } from "../../../lib/errors";

const settings: BillmanagerSettings = { map: DEFAULT_PARAM_MAP, ramUnit: "MB" };
const bad = (fn: () => unknown, re: RegExp) => assert.throws(fn, (e: unknown) => e instanceof AppError && e.status === 400 && re.test(e.message));

describe("BILLmanager arguments", () => {
  it("splits on the first = and keeps the rest of the value intact", () => {
    const a = parseArgs(["--password=a=b c'\"д", "--user=u1", "--flag", "--os=Ubuntu 22.04 LTS"]);
    assert.equal(a.get("password"), "a=b c'\"д");
    assert.equal(a.get("user"), "u1");
    assert.equal(a.get("flag"), "");
    assert.equal(a.get("os"), "Ubuntu 22.04 LTS");
  });

  it("refuses what is not --name=value", () => {
    bad(() => parseArgs(["user=u1"]), /Unexpected argument "user=u1"/);
    bad(() => parseArgs(["--=x"]), /Unexpected argument name/);
  });

  it("maps and validates the tariff parameters", () => {
    assert.deepEqual(vpsParams(parseArgs(["--cpu=2", "--ram=2048", "--disk=40", "--os=Debian 12", "--domain=site.ru"]), settings), {
      cpu: 2, ramMb: 2048, diskGb: 40, os: "Debian 12", name: "site.ru",
    });
    const gb: BillmanagerSettings = { map: { ...DEFAULT_PARAM_MAP, ram: "memory", cpu: "ncpu" }, ramUnit: "GB" };
    assert.deepEqual(vpsParams(parseArgs(["--memory=4", "--ncpu=1.0"]), gb), { cpu: 1, ramMb: 4096, diskGb: undefined, os: undefined, name: undefined });
    bad(() => vpsParams(parseArgs(["--cpu=two"]), settings), /Bad value for cpu \(--cpu=two\)/);
    bad(() => vpsParams(parseArgs(["--cpu=1.5"]), settings), /cpu/);
    bad(() => vpsParams(parseArgs(["--ram=100"]), settings), /ram.*from 128/);
    bad(() => vpsParams(parseArgs(["--disk="]), settings), /disk/);
    bad(() => vpsParams(parseArgs(["--os="]), settings), /os/);
  });

  it("reads the service id open.sh printed", () => {
    assert.equal(serviceVpsId(parseArgs(["--id=42"])), 42);
    bad(() => serviceVpsId(parseArgs([])), /Missing parameter --id=/);
    bad(() => serviceVpsId(parseArgs(["--id=0"])), /Bad value for id/);
    bad(() => serviceVpsId(parseArgs(["--id=4a"])), /Bad value for id/);
    bad(() => serviceVpsId(parseArgs(["--id=99999999999"])), /Bad value for id/);
  });
});
