// Copies bytes both ways between the browser and the upstream, unchanged, with
// backpressure: when what one side has queued for sending passes HIGH_WATER, the other
// side is paused (no more reads from its socket, so TCP flow control pushes back on the
// VNC server or the browser) until the queue is under LOW_WATER. A slow browser therefore
// costs the panel at most about HIGH_WATER plus one chunk per console, never an unbounded
// buffer.
import type { Transport } from "./transport";

export const HIGH_WATER = 1024 * 1024;
export const LOW_WATER = 256 * 1024;
const POLL_MS = 10;

export interface PipeStats {
  toBrowser: number;
  toUpstream: number;
  /** How many times a side was paused because the other could not keep up. */
  pauses: number;
}

function flow(from: Transport, to: Transport, count: (n: number) => void, onPause: () => void, water: { high: number; low: number }) {
  let paused = false;
  let timer: NodeJS.Timeout | null = null;
  const check = () => {
    if (to.buffered() > water.low) return;
    if (timer) clearInterval(timer);
    timer = null;
    paused = false;
    from.resume();
  };
  from.onData((b) => {
    count(b.length);
    to.send(b);
    if (!paused && to.buffered() > water.high) {
      paused = true;
      onPause();
      from.pause();
      timer = setInterval(check, POLL_MS);
    }
  });
  return () => {
    if (timer) clearInterval(timer);
  };
}

/** Joins the two streams; the returned stop() clears the timers (the caller closes the streams). */
export function pipeStreams(browser: Transport, upstream: Transport, water = { high: HIGH_WATER, low: LOW_WATER }): { stats: PipeStats; stop: () => void } {
  const stats: PipeStats = { toBrowser: 0, toUpstream: 0, pauses: 0 };
  const a = flow(upstream, browser, (n) => (stats.toBrowser += n), () => stats.pauses++, water);
  const b = flow(browser, upstream, (n) => (stats.toUpstream += n), () => stats.pauses++, water);
  return { stats, stop: () => (a(), b()) };
}
