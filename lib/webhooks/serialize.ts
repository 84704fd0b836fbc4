// Webhook bodies are serialised exactly as Python's `json.dumps(payload, sort_keys=True)`
// prints them (separators ", " and ": ", non-ASCII escaped as \uXXXX), so a receiver
// written from the seed's example — which re-serialises the parsed body before computing
// the HMAC — gets the same bytes we signed. Browser-safe, no imports.

const SHORT_ESCAPES: Record<string, string> = {
  '"': '\\"',
  "\\": "\\\\",
  "\n": "\\n",
  "\r": "\\r",
  "\t": "\\t",
  "\b": "\\b",
  "\f": "\\f",
};

/** Python's ensure_ascii escaping: everything outside printable ASCII becomes \uXXXX (lowercase hex). */
function pyString(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    const code = s.charCodeAt(i);
    const short = SHORT_ESCAPES[ch];
    if (short) out += short;
    else if (code >= 0x20 && code <= 0x7e) out += ch;
    // UTF-16 code units: astral characters come out as their surrogate pair, as in Python.
    else out += "\\u" + code.toString(16).padStart(4, "0");
  }
  return out + '"';
}

/**
 * Python parses a JSON number with a fraction or exponent as float and prints it with
 * repr(): fixed notation when the decimal exponent is in [-4, 16), else d.ddde±XX.
 * Integers (as JavaScript prints them, without exponent) stay ints in Python.
 */
function pyNumber(n: number): string {
  if (!Number.isFinite(n)) throw new TypeError("JSON cannot carry NaN or Infinity");
  if (Object.is(n, -0)) return "0";
  const js = String(n);
  if (!/[.eE]/.test(js)) return js; // an integer both sides agree on
  // Shortest round-trip digits and exponent, as both languages compute them.
  const [mant, expPart] = n.toExponential().split("e");
  const exp = Number(expPart);
  const negative = mant.startsWith("-");
  const digits = mant.replace("-", "").replace(".", "");
  let body: string;
  if (exp >= -4 && exp < 16) {
    if (exp < 0) body = "0." + "0".repeat(-exp - 1) + digits;
    else if (digits.length > exp + 1) body = digits.slice(0, exp + 1) + "." + digits.slice(exp + 1);
    else body = digits + "0".repeat(exp + 1 - digits.length) + ".0";
  } else {
    const m = digits.length > 1 ? digits[0] + "." + digits.slice(1) : digits;
    body = m + "e" + (exp < 0 ? "-" : "+") + String(Math.abs(exp)).padStart(2, "0");
  }
  return (negative ? "-" : "") + body;
}

/** Compares keys by code point, as Python's str ordering does (not by UTF-16 unit). */
function byCodePoint(a: string, b: string): number {
  const ai = a[Symbol.iterator]();
  const bi = b[Symbol.iterator]();
  for (;;) {
    const x = ai.next();
    const y = bi.next();
    if (x.done || y.done) return x.done ? (y.done ? 0 : -1) : 1;
    const d = (x.value.codePointAt(0) ?? 0) - (y.value.codePointAt(0) ?? 0);
    if (d !== 0) return d;
  }
}

/** `json.dumps(value, sort_keys=True)` in JavaScript. `undefined` members are dropped, as JSON.stringify does. */
export function pythonJsonDumps(value: unknown): string {
  if (value === null) return "null";
  switch (typeof value) {
    case "boolean":
      return value ? "true" : "false";
    case "number":
      return pyNumber(value);
    case "string":
      return pyString(value);
    case "bigint":
      return value.toString();
    case "object": {
      if (Array.isArray(value)) return "[" + value.map((v) => pythonJsonDumps(v === undefined ? null : v)).join(", ") + "]";
      if (value instanceof Date) return pyString(value.toISOString());
      const obj = value as Record<string, unknown>;
      const keys = Object.keys(obj)
        .filter((k) => obj[k] !== undefined && typeof obj[k] !== "function")
        .sort(byCodePoint);
      return "{" + keys.map((k) => pyString(k) + ": " + pythonJsonDumps(obj[k])).join(", ") + "}";
    }
    default:
      throw new TypeError(`cannot serialise ${typeof value} as JSON`);
  }
}
