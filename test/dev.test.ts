import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runDev } from "../src/cli/dev-command.js";
import { initRuleSet } from "../src/scaffold/init-ruleset.js";
import { cli, ROOT } from "./helpers.js";

function freshRuleSet(): string {
  const dir = join(mkdtempSync(join(tmpdir(), "ratecard-dev-")), "my-product");
  initRuleSet(dir);
  return dir;
}

function edit(file: string, find: string, replace: string) {
  const text = readFileSync(file, "utf8");
  if (!text.includes(find)) throw new Error(`no "${find}" in ${file}`);
  writeFileSync(file, text.replace(find, replace));
}

describe("ratecard dev", () => {
  it("reports everything once, then only what each save changed, and stops when asked", async () => {
    const dir = freshRuleSet();
    const mode = join(dir, "modes", "main.yaml");
    let out = "";
    let changed = () => {};
    let stop = () => {};
    let closed = false;
    const io = {
      stdout: (t: string | Uint8Array) => void (out += String(t)),
      stderr: () => {},
      readStdin: async () => "",
      stdinStream: async function* () {},
      drained: async () => {},
      interactive: false,
    };
    const running = runDev(dir, io, {
      watch: (_dir, onChange) => ((changed = onChange), { close: () => void (closed = true) }),
      stopped: new Promise<void>((resolve) => (stop = resolve)),
    });
    expect(out).toBe(
      `0 errors, 0 warnings; examples: 1 passed, 0 failed (${/\((\d+) ms\)/.exec(out)![1]} ms)\nwatching ${dir} for changes (Ctrl-C to stop)\n`,
    );

    out = "";
    edit(mode, "fee: 10", "fee: 12");
    changed();
    expect(out).toContain(`+ FAIL  ${join(dir, "examples", "basic.yaml")}  total: expected 15.00, got 17.00\n`);
    expect(out).toContain("+ FAIL  ");
    expect(out).toMatch(/0 errors, 0 warnings; examples: 0 passed, 1 failed \(\d+ ms\)\n$/);

    out = "";
    edit(mode, "meter: requests", "meter: request");
    changed();
    expect(out).toContain(`- FAIL  ${join(dir, "examples", "basic.yaml")}  total: expected 15.00, got 17.00\n`);
    expect(out).toMatch(new RegExp(`\\+ ${mode}:\\d+:\\d+  error  ref\\.unknown-meter  unknown meter "request"`));
    expect(out).toMatch(/1 error, 0 warnings; examples: 0 passed, 0 failed/);

    out = "";
    changed();
    expect(out).toMatch(/^no change: 1 error/);

    stop();
    expect(await running).toBe(0);
    expect(closed).toBe(true);
  });

  it("refuses a folder with no rule set, with a coded problem", async () => {
    const { code, stderr } = await cli(["dev", mkdtempSync(join(tmpdir(), "ratecard-dev-empty-"))]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/^ruleset\.not-found {2}.* holds no rule set/);
  });

  // The real watcher and Ctrl-C, through the built CLI.
  it("as a process: sees a save on disk and exits 0 on SIGINT", { timeout: 60_000 }, async () => {
    const dir = freshRuleSet();
    const child = spawn(process.execPath, [join(ROOT, "bin", "ratecard.js"), "dev", dir], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    const seen = (text: string) =>
      new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no "${text}" in: ${out}`)), 30_000);
        const look = () => {
          if (!out.includes(text)) return;
          clearTimeout(timer);
          resolve();
        };
        child.stdout.on("data", look);
        look();
      });
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    await seen("watching");
    edit(join(dir, "modes", "main.yaml"), "fee: 10", "fee: 12");
    await seen("+ FAIL");
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    child.kill("SIGINT");
    expect(await exited).toBe(0);
  });
});
