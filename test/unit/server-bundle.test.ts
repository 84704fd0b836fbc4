// What the production server (dist/server.mjs, scripts/build-server.mjs) loads when it
// starts: the notification emails' packages and templates only once there is an email to
// send (issue 10, RSS idle). Builds the bundle into a temporary directory, as `npm run
// build` does, and reads esbuild's own account of each output's imports.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, describe, it } from "node:test";
import { build, type BuildOptions, type Metafile } from "esbuild";
// @ts-expect-error -- a plain .mjs script without types
import { serverBuildOptions } from "../../scripts/build-server.mjs";

const ROOT = path.resolve(import.meta.dirname, "../..");
const out = mkdtempSync(path.join(tmpdir(), "server-bundle-"));
after(() => rmSync(out, { recursive: true, force: true }));

describe("server bundle", () => {
  it("starts without nodemailer, use-intl or the message catalogues; they are a chunk loaded on use", async () => {
    const options = serverBuildOptions(out) as BuildOptions;
    const { metafile } = (await build({ ...options, absWorkingDir: ROOT, metafile: true, sourcemap: false, logLevel: "error" })) as { metafile: Metafile };
    const outputs = Object.entries(metafile.outputs);
    const entry = outputs.find(([, o]) => o.entryPoint === "server.ts");
    assert.ok(entry, "the entry's output");
    // What loads with the entry: its static imports, and theirs (shared chunks), transitively.
    const atStart = new Set<string>();
    const files = new Set<string>();
    const walk = (file: string) => {
      if (files.has(file)) return;
      files.add(file);
      for (const i of metafile.outputs[file]!.imports) {
        if (i.kind !== "import-statement") continue;
        if (i.external) atStart.add(i.path);
        else walk(i.path);
      }
    };
    walk(entry[0]);
    for (const pkg of ["nodemailer", "use-intl/core"]) assert.ok(!atStart.has(pkg), `the server imports ${pkg} at start`);
    const startInputs = new Set([...files].flatMap((f) => Object.keys(metafile.outputs[f]!.inputs)));
    assert.ok(startInputs.has("server.ts") && startInputs.has("lib/mail/worker.ts"), "the mail worker itself starts with the panel");
    for (const f of ["lib/mail/render-notification.ts", "lib/i18n/messages/notifications.ts"]) assert.ok(!startInputs.has(f), `${f} is loaded at start`);
    // ...and they are still in the build, behind an import().
    const lazy = outputs.filter(([f]) => !files.has(f)).flatMap(([, o]) => [...Object.keys(o.inputs), ...o.imports.filter((i) => i.external).map((i) => i.path)]);
    for (const f of ["lib/mail/render-notification.ts", "use-intl/core"]) assert.ok(lazy.includes(f), `${f} in a lazy chunk`);
  });
});
