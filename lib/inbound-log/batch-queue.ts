// A bounded write-behind queue: rows are pushed without waiting and written in batches —
// after `intervalMs` (50 ms) or as soon as `maxBatch` (100) rows wait, one write at a time.
// At most `maxPending` (5,000) rows wait; beyond that a row is dropped, counted, and a
// warning says how many (once per interval, not once per row), so a flood of refused calls
// can neither grow memory without bound nor open one database round trip per call.
// `flush()` writes everything still waiting (shutdown calls it before the database closes).

export interface BatchQueueOptions<T> {
  write: (rows: T[]) => Promise<void>;
  intervalMs?: number;
  maxBatch?: number;
  maxPending?: number;
  /** Drops are reported at most this often (default once a second), and on flush. */
  warnEveryMs?: number;
  /** Rows dropped since the last call: the queue was full (`full`) or their write failed (`failed`). */
  onDrop?: (count: number, why: "full" | "failed", error?: unknown) => void;
}

export class BatchQueue<T> {
  private rows: T[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;
  private writing: Promise<void> | null = null;
  private droppedFull = 0;
  private warnTimer: ReturnType<typeof setTimeout> | null = null;
  /** Rows dropped since the queue was made (full or failed writes). */
  dropped = 0;
  /** Rows written since the queue was made. */
  written = 0;
  readonly intervalMs: number;
  readonly maxBatch: number;
  readonly maxPending: number;
  readonly warnEveryMs: number;

  constructor(private readonly opts: BatchQueueOptions<T>) {
    this.intervalMs = opts.intervalMs ?? 50;
    this.maxBatch = opts.maxBatch ?? 100;
    this.maxPending = opts.maxPending ?? 5000;
    this.warnEveryMs = opts.warnEveryMs ?? 1000;
  }

  /** Rows waiting to be written (not counting a batch being written). */
  get pending(): number {
    return this.rows.length;
  }

  /** Queues a row; false when the queue was full and the row was dropped. */
  push(row: T): boolean {
    if (this.rows.length >= this.maxPending) {
      this.dropped++;
      this.droppedFull++;
      this.warnTimer ??= unref(setTimeout(() => this.reportFull(), this.warnEveryMs));
      return false;
    }
    this.rows.push(row);
    if (!this.writing) {
      if (this.rows.length >= this.maxBatch) this.startWrite();
      else this.timer ??= unref(setTimeout(() => this.startWrite(), this.intervalMs));
    }
    return true;
  }

  /** Writes every row queued so far; resolves when they are written (or dropped on error). */
  async flush(): Promise<void> {
    while (this.writing || this.rows.length > 0) {
      if (!this.writing) this.startWrite();
      await this.writing;
    }
    this.reportFull();
  }

  private reportFull() {
    if (this.warnTimer) clearTimeout(this.warnTimer);
    this.warnTimer = null;
    if (this.droppedFull === 0) return;
    const n = this.droppedFull;
    this.droppedFull = 0;
    this.opts.onDrop?.(n, "full");
  }

  private startWrite() {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.writing || this.rows.length === 0) return;
    const batch = this.rows.splice(0, this.maxBatch);
    this.writing = this.opts
      .write(batch)
      .then(
        () => {
          this.written += batch.length;
        },
        (err: unknown) => {
          this.dropped += batch.length;
          this.opts.onDrop?.(batch.length, "failed", err);
        },
      )
      .finally(() => {
        this.writing = null;
        // A full batch waiting goes at once; a partial one waits for the interval.
        if (this.rows.length >= this.maxBatch) this.startWrite();
        else if (this.rows.length > 0) this.timer ??= unref(setTimeout(() => this.startWrite(), this.intervalMs));
      });
  }
}

function unref<T extends ReturnType<typeof setTimeout>>(t: T): T {
  (t as { unref?: () => void }).unref?.();
  return t;
}
