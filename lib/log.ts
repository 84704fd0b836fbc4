// Minimal structured logger. Never pass secrets here: callers log ids, not values.
type Level = "debug" | "info" | "warn" | "error";
const order: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** Whether a line of this level is written (LOG_LEVEL, read on every call: tests change it). */
function enabled(level: Level): boolean {
  const min = (process.env.LOG_LEVEL as Level | undefined) ?? "info";
  return order[level] >= (order[min] ?? 20);
}

function emit(level: Level, msg: string, fields?: Record<string, unknown>) {
  if (!enabled(level)) return;
  const line = JSON.stringify({ t: new Date().toISOString(), level, msg, ...fields });
  if (level === "error" || level === "warn") console.error(line);
  else console.log(line);
}

export const log = {
  enabled,
  debug: (msg: string, f?: Record<string, unknown>) => emit("debug", msg, f),
  info: (msg: string, f?: Record<string, unknown>) => emit("info", msg, f),
  warn: (msg: string, f?: Record<string, unknown>) => emit("warn", msg, f),
  error: (msg: string, f?: Record<string, unknown>) => emit("error", msg, f),
};
