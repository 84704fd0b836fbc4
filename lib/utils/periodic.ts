// A background job that runs at start and then every `everyMs`, never twice at once in this
// process (a run still going when the timer fires is not doubled). Jobs that several
// processes run must be safe by their own SQL; this only keeps one process from overlapping
// itself. stop() clears the timer and waits for a run in progress.
export interface Periodic {
  stop(): Promise<void>;
}

export function runPeriodically(task: () => Promise<unknown>, everyMs: number, onError: (err: unknown) => void): Periodic {
  let running: Promise<void> | undefined;
  const run = () => {
    running ??= task()
      .then(() => undefined, onError)
      .finally(() => {
        running = undefined;
      });
  };
  const timer = setInterval(run, everyMs);
  timer.unref();
  run();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
