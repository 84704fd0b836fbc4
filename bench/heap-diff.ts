// Compares two V8 heap snapshots (bench/memory.ts --snapshots=DIR writes one before and one
// after the dashboard load) like DevTools' Comparison view: objects and self size grouped
// by constructor (node type + name), largest growth first.
//   node --import tsx bench/heap-diff.ts before.heapsnapshot after.heapsnapshot [--top=30]
import { readFileSync } from "node:fs";

interface Snapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
  nodes: number[];
  strings: string[];
}

type Groups = Map<string, { count: number; size: number }>;

function groups(file: string): { groups: Groups; total: number } {
  const s = JSON.parse(readFileSync(file, "utf8")) as Snapshot;
  const fields = s.snapshot.meta.node_fields;
  const types = s.snapshot.meta.node_types[0];
  const [TYPE, NAME, SIZE] = ["type", "name", "self_size"].map((f) => fields.indexOf(f));
  const out: Groups = new Map();
  let total = 0;
  for (let i = 0; i < s.nodes.length; i += fields.length) {
    const type = types[s.nodes[i + TYPE]!]!;
    // Strings and code are grouped by kind (their "name" is their content).
    const name = type === "object" || type === "closure" || type === "native" ? s.strings[s.nodes[i + NAME]!]! : "";
    const key = `(${type}) ${name.slice(0, 60)}`;
    const size = s.nodes[i + SIZE]!;
    const g = out.get(key) ?? { count: 0, size: 0 };
    g.count++;
    g.size += size;
    total += size;
    out.set(key, g);
  }
  return { groups: out, total };
}

const [before, after] = process.argv.slice(2).filter((a) => !a.startsWith("--"));
if (!before || !after) throw new Error("usage: heap-diff.ts before.heapsnapshot after.heapsnapshot [--top=30]");
const top = Number(process.argv.find((a) => a.startsWith("--top="))?.slice(6) ?? 30);
const a = groups(before);
const b = groups(after);
const KB = 1024;
const rows = [...new Set([...a.groups.keys(), ...b.groups.keys()])].map((key) => {
  const x = a.groups.get(key) ?? { count: 0, size: 0 };
  const y = b.groups.get(key) ?? { count: 0, size: 0 };
  return { key, count: y.count - x.count, delta: y.size - x.size, after: y.size };
});
rows.sort((p, q) => q.delta - p.delta);
console.log(`heap (self sizes): before ${(a.total / KB / KB).toFixed(1)} MB, after ${(b.total / KB / KB).toFixed(1)} MB`);
console.log("   Δ KB    Δ count   after KB  constructor");
for (const r of rows.slice(0, top)) {
  console.log(`${(r.delta / KB).toFixed(0).padStart(7)} ${String(r.count).padStart(10)} ${(r.after / KB).toFixed(0).padStart(10)}  ${r.key}`);
}
