// A loose shape check of Next's `Next-Router-State-Tree` request header ([segment,
// {slot: tree}, ...]), so garbage is a 400 from server.ts instead of a 500 (and an error
// log) from Next's own parser. Next still validates strictly; this only filters what it
// would throw on anyway. (Next hides this header from proxy.ts, hence server.ts.)
const MAX_LENGTH = 40_000; // Next's own limit

function isSegment(s: unknown): boolean {
  return typeof s === "string" || (Array.isArray(s) && s.length >= 3 && s.slice(0, 3).every((x) => typeof x === "string"));
}

function isTree(node: unknown, depth: number): boolean {
  if (depth > 200 || !Array.isArray(node) || node.length < 2 || !isSegment(node[0])) return false;
  const slots = node[1];
  if (typeof slots !== "object" || slots === null || Array.isArray(slots)) return false;
  return Object.values(slots).every((child) => isTree(child, depth + 1));
}

export function isPlausibleRouterState(header: string): boolean {
  if (header.length > MAX_LENGTH) return false;
  try {
    return isTree(JSON.parse(decodeURIComponent(header)), 0);
  } catch {
    return false;
  }
}
