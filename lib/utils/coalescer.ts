// Natural batching ("group commit") of concurrent calls into one: while fewer than
// `maxInFlight` groups run, a call starts a group of its own at once (a lone call waits for
// nothing); when that many run, calls wait, and the next group takes everything that
// gathered meanwhile (up to `maxBatch`). Items with the same key never share a group and
// keep their arrival order (a later one goes into a later group), so two changes of one
// thing apply one after another, as if sent one by one.
//
// `run` answers a group with one result per item, in item order. When it throws, the group's
// items are run again one by one, so that the error reaches only the call that caused it.

export interface CoalescerOptions<In, Out> {
  maxInFlight: number;
  maxBatch: number;
  key: (item: In) => string;
  run: (items: In[]) => Promise<Out[]>;
}

interface Waiting<In, Out> {
  item: In;
  key: string;
  resolve: (out: Out) => void;
  reject: (err: unknown) => void;
}

export class Coalescer<In, Out> {
  private queue: Waiting<In, Out>[] = [];
  private inFlight = 0;
  /** Keys of the items in running groups. */
  private running = new Map<string, number>();

  constructor(private readonly opts: CoalescerOptions<In, Out>) {}

  submit(item: In): Promise<Out> {
    return new Promise<Out>((resolve, reject) => {
      this.queue.push({ item, key: this.opts.key(item), resolve, reject });
      this.pump();
    });
  }

  /** Groups started so far and items in them (tests, benchmarks). */
  readonly stats = { groups: 0, items: 0 };

  private pump() {
    while (this.inFlight < this.opts.maxInFlight && this.queue.length > 0) {
      const group: Waiting<In, Out>[] = [];
      const keys = new Set<string>();
      const rest: Waiting<In, Out>[] = [];
      for (const w of this.queue) {
        // A key already running, or already in this group, or behind an earlier waiting item
        // of its key: it waits for a later group (order per key is arrival order).
        if (group.length < this.opts.maxBatch && !keys.has(w.key) && !this.running.has(w.key)) {
          group.push(w);
          keys.add(w.key);
        } else {
          keys.add(w.key);
          rest.push(w);
        }
      }
      if (group.length === 0) return; // every waiting key is running: its group's end pumps again
      this.queue = rest;
      void this.start(group);
    }
  }

  private async start(group: Waiting<In, Out>[]) {
    this.inFlight++;
    this.stats.groups++;
    this.stats.items += group.length;
    for (const w of group) this.running.set(w.key, (this.running.get(w.key) ?? 0) + 1);
    try {
      const outs = await this.opts.run(group.map((w) => w.item));
      group.forEach((w, i) => w.resolve(outs[i] as Out));
    } catch (err) {
      const [only] = group;
      if (only && group.length === 1) only.reject(err);
      else
        for (const w of group) {
          try {
            w.resolve((await this.opts.run([w.item]))[0] as Out);
          } catch (one) {
            w.reject(one);
          }
        }
    } finally {
      for (const w of group) {
        const n = (this.running.get(w.key) ?? 1) - 1;
        if (n === 0) this.running.delete(w.key);
        else this.running.set(w.key, n);
      }
      this.inFlight--;
      this.pump();
    }
  }
}
