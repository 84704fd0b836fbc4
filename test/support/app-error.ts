// The HTTP status of the AppError a call throws (0 when it does not throw).
import assert from "node:assert/strict";
import { AppError } from "../../lib/errors";

export function thrownStatus(fn: () => unknown): number {
  try {
    fn();
    return 0;
  } catch (err) {
    assert.ok(err instanceof AppError);
    return err.status;
  }
}
