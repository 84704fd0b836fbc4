// Text → X keysyms, for "paste as keystrokes" on the console page (a VNC server has no
// clipboard the VPS's text console could read). Latin-1 characters are their own keysym,
// control characters the keys that type them, everything else X11's Unicode keysym
// (0x01000000 + code point). Browser-safe.
const SPECIAL: Record<string, number> = { "\n": 0xff0d, "\r": 0xff0d, "\t": 0xff09, "\b": 0xff08, "\u001b": 0xff1b };

export function keysymOf(ch: string): number | null {
  if (ch in SPECIAL) return SPECIAL[ch];
  const cp = ch.codePointAt(0);
  if (cp === undefined || cp < 0x20 || cp === 0x7f) return null;
  if (cp <= 0x7e || (cp >= 0xa0 && cp <= 0xff)) return cp;
  return 0x01000000 + cp;
}

/** The keysyms that type `text` (a CRLF is one Enter); characters with none are skipped. */
export function keysymsOf(text: string): number[] {
  const out: number[] = [];
  for (const ch of text.replace(/\r\n/g, "\n")) {
    const k = keysymOf(ch);
    if (k !== null) out.push(k);
  }
  return out;
}

/** Longest paste the page sends (each character is two key events). */
export const MAX_PASTE_CHARS = 10_000;
