// Lint rules, including the import direction of STYLE.md:
// app → components → lib; lib never imports app or components; server.ts imports lib only.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

const noUpward = (groups, message) => ({
  "no-restricted-imports": ["error", { patterns: [{ group: groups, message }] }],
});

export default tseslint.config(
  { ignores: ["node_modules/", ".next/", ".next-*/", "dist/", "lib/generated/", "tools/", "scratch/", "test-results/", "playwright-report/", "next-env.d.ts", "examples/*/node_modules/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // Route handlers get a non-null actor from route.user/route.admin (lib/http/handler.ts).
    // Tests, benchmarks and e2e specs still assert their fixtures with `!`; components/ is
    // not yet converted.
    files: ["app/**/*.ts", "app/**/*.tsx", "lib/**/*.ts", "lib/**/*.tsx", "server.ts", "proxy.ts"],
    rules: { "@typescript-eslint/no-non-null-assertion": "error" },
  },
  {
    files: ["lib/**/*.ts", "lib/**/*.tsx"],
    rules: noUpward(["@/app", "@/app/*", "@/components", "@/components/*", "**/app/*", "**/components/*"], "lib/ must not import app/ or components/ (STYLE.md)"),
  },
  {
    files: ["components/**/*.ts", "components/**/*.tsx"],
    rules: noUpward(["@/app", "@/app/*", "**/app/*"], "components/ must not import app/ (STYLE.md)"),
  },
  {
    files: ["server.ts"],
    rules: noUpward(["./app/*", "./components/*", "@/app/*", "@/components/*"], "server.ts imports lib/ only (STYLE.md)"),
  },
  {
    files: ["integrations/**/*.{js,mjs}", "scripts/**/*.mjs", "*.mjs"],
    languageOptions: { globals: { process: "readonly", console: "readonly", URL: "readonly" } },
  },
);
