// The Bitrix plugin's JSON: configuration ids and descriptions, task status shapes.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ANSWER_KEYS, bitrixError, configsAnswer, configurations, helpAnswer, parseConfigId, taskStatus } from "../../../lib/bitrix/protocol";
import type { OrderView } from "../../../lib/orders/view";
import type { PlanView } from "../../../lib/plans/view";

const plan = (over: Partial<PlanView>): PlanView => ({
  id: 7, code: "vps-pro", name: "VPS Pro", cpu: 2, ram: 4096, disk: 60, os_choices: ["Ubuntu 22.04 LTS"], description: "", price_monthly: 899, snapshot_limit: 3,
  is_active: true, created_at: "", updated_at: "", ...over,
});

describe("Bitrix protocol", () => {
  it("describes configurations like the seed's example", () => {
    assert.deepEqual(configurations([plan({ os_choices: ["Ubuntu 22.04 LTS", "Debian 12"] })]), [
      { id: "7-1", descr: "VPS Pro, 1 month, Ubuntu 22.04 LTS, CPU 2 cores, Memory 4Gb, HDD 60Gb" },
      { id: "7-2", descr: "VPS Pro, 1 month, Debian 12, CPU 2 cores, Memory 4Gb, HDD 60Gb" },
    ]);
    assert.equal(configurations([plan({ cpu: 1, ram: 512, disk: 2048 })])[0].descr, "VPS Pro, 1 month, Ubuntu 22.04 LTS, CPU 1 core, Memory 512Mb, HDD 2Tb");
    assert.equal(configurations([plan({ ram: 1536 })])[0].descr.includes("Memory 1.5Gb"), true);
  });

  it("reads configuration ids", () => {
    assert.deepEqual(parseConfigId("7-2"), { planId: 7, osNumber: 2 });
    assert.deepEqual(parseConfigId("7"), { planId: 7, osNumber: 1 });
    assert.equal(parseConfigId("7-"), null);
    assert.equal(parseConfigId("x"), null);
    assert.equal(parseConfigId("1;rm -rf"), null);
  });

  it("answers order_status in the seed's shapes", () => {
    const order = { id: 24, status: "finished", error_message: null, vps: { id: 1, name: "a", status: "running", ip_address: "192.0.2.1" } } as OrderView;
    assert.deepEqual(Object.entries(taskStatus(order, "pw")), [["server_password", "pw"], ["status", "finished"], ["server", "192.0.2.1"], ["task_id", "24"]]);
    assert.deepEqual(taskStatus({ ...order, status: "in_progress", vps: null }, null), { status: "in_progress", task_id: "24" });
    assert.deepEqual(taskStatus({ ...order, status: "error", error_message: "no capacity" }, null), { status: "error", task_id: "24", error_message: "no capacity" });
    // The protocol has no "cancelled": a client's cancel answers as an error saying so.
    assert.deepEqual(taskStatus({ ...order, status: "cancelled", vps: null, error_message: "Cancelled by the client" }, null), {
      status: "error",
      task_id: "24",
      error_message: "Cancelled by the client",
    });
  });

  it("help and configs say enabled or disabled; a disabled provider offers no configuration", () => {
    assert.deepEqual(helpAnswer("enabled"), { options: ["help", "configs", "order", "order_status"], status: "enabled" });
    assert.deepEqual(helpAnswer("disabled"), { options: ["help", "configs", "order", "order_status"], status: "disabled" });
    const configs = configurations([plan({})]);
    assert.deepEqual(configsAnswer(configs, "enabled"), { configurations: configs, status: "enabled" });
    assert.deepEqual(configsAnswer(configs, "disabled"), { configurations: [], status: "disabled" });
  });

  it("every answer has exactly its documented key set, in that order", () => {
    const order = { id: 24, status: "finished", error_message: null, vps: { id: 1, name: "a", status: "running", ip_address: "192.0.2.1" } } as OrderView;
    const keys = (o: object) => Object.keys(o);
    assert.deepEqual(keys(helpAnswer("enabled")), ANSWER_KEYS.help);
    assert.deepEqual(keys(helpAnswer("disabled")), ANSWER_KEYS.help);
    assert.deepEqual(keys(configsAnswer([], "disabled")), ANSWER_KEYS.configs);
    for (const c of configurations([plan({ os_choices: ["a", "b"] })])) assert.deepEqual(keys(c), ANSWER_KEYS.configuration);
    assert.deepEqual(keys(taskStatus(order, "pw")), ANSWER_KEYS.finished);
    assert.deepEqual(keys(taskStatus(order, null)), ANSWER_KEYS.finished, "finished keeps its keys even without a password");
    assert.deepEqual(keys(taskStatus({ ...order, status: "in_progress", vps: null }, null)), ANSWER_KEYS.in_progress);
    assert.deepEqual(keys(taskStatus({ ...order, status: "error", error_message: null }, null)), ANSWER_KEYS.error);
    assert.deepEqual(keys(taskStatus({ ...order, status: "cancelled", vps: null, error_message: null }, null)), ANSWER_KEYS.error, "a cancelled order keeps the error keys");
    assert.deepEqual(keys(bitrixError("x")), ANSWER_KEYS.failure);
    // The documented sets themselves: a change here is a change of the protocol.
    assert.deepEqual(ANSWER_KEYS, {
      help: ["options", "status"],
      configs: ["configurations", "status"],
      configuration: ["id", "descr"],
      order: ["task_id"],
      in_progress: ["status", "task_id"],
      finished: ["server_password", "status", "server", "task_id"],
      error: ["status", "task_id", "error_message"],
      failure: ["error", "error_message"],
    });
  });
});
