import assert from "node:assert/strict";
import { test } from "node:test";
import { runPeriodically } from "../../../lib/utils/periodic";

test("runs at once, never overlaps itself, reports errors and keeps going, stop waits for the run in progress", async () => {
  let calls = 0;
  let active = 0;
  let maxActive = 0;
  const errors: unknown[] = [];
  let release: () => void = () => {};
  const job = runPeriodically(
    async () => {
      calls++;
      active++;
      maxActive = Math.max(maxActive, active);
      if (calls === 1) await new Promise<void>((r) => (release = r));
      active--;
      if (calls === 2) throw new Error("boom");
    },
    5,
    (err) => errors.push(err),
  );
  assert.equal(calls, 1, "the first run starts at once");
  await new Promise((r) => setTimeout(r, 40));
  assert.equal(calls, 1, "ticks while the first run is going are skipped");
  release();
  while (calls < 3) await new Promise((r) => setTimeout(r, 5));
  await job.stop();
  const after = calls;
  await new Promise((r) => setTimeout(r, 30));
  assert.equal(calls, after, "nothing runs after stop()");
  assert.equal(maxActive, 1);
  assert.equal(errors.length, 1);
  assert.equal((errors[0] as Error).message, "boom");
});
