// des.js (indutny) ships no types: the part lib/console/rfb.ts uses.
declare module "des.js" {
  interface DesCipher {
    update(data: Uint8Array | number[]): number[];
    final(): number[];
  }
  export const DES: { create(opts: { type: "encrypt" | "decrypt"; key: Uint8Array | number[]; padding?: boolean }): DesCipher };
}
