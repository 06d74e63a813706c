import { execFileSync, spawn, spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cli, ROOT, RULES } from "./helpers.js";

// Hostile command lines, run by the built CLI (`npm test` builds dist/ first) with a timeout, so a
// hang fails in seconds instead of stalling the suite; cases that cannot hang also run in-process.
const BIN = join(ROOT, "bin", "ratecard.js");
const PRO = join(ROOT, "examples", "tencent-im-pro.yaml");
const scratch = mkdtempSync(join(tmpdir(), "ratecard-hostile-cli-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A path in the scratch folder, made by `make` (a file, a folder, a FIFO, a link). */
function scratchPath(name: string, make: (path: string) => void): string {
  const path = join(scratch, name);
  make(path);
  return path;
}

const file = scratchPath("a-file", (path) => writeFileSync(path, "not a folder\n"));
const linkToFile = scratchPath("link-to-file", (path) => symlinkSync(file, path));
const fifo = scratchPath("a-fifo", (path) => execFileSync("mkfifo", [path]));
const siteWithFile = scratchPath("site-with-file", (path) =>
  writeFileSync(join(mkdirSync(path, { recursive: true })!, "example-api"), "a file where a folder goes\n"),
);
const siteWithFifo = scratchPath("site-with-fifo", (path) =>
  execFileSync("mkfifo", [join(mkdirSync(path, { recursive: true })!, "index.md")]),
);
const notEmpty = scratchPath("not-empty", (path) =>
  writeFileSync(join(mkdirSync(path, { recursive: true })!, "keep.txt"), "x\n"),
);
const folder = scratchPath("a-folder", (path) => mkdirSync(path));
/** A git repository holding one rule set, for `diff --git`. */
const repo = scratchPath("repo", (path) => {
  cpSync(join(RULES, "example-api"), join(path, "example-api"), { recursive: true });
  const git = (...args: string[]) =>
    execFileSync("git", ["-C", path, "-c", "user.name=t", "-c", "user.email=t@example.com", ...args], {
      stdio: "pipe",
    });
  git("init", "-q");
  git("add", ".");
  git("commit", "-qm", "rules");
});
const inRepo = join(repo, "example-api");
const one = join(RULES, "example-api");

interface Case {
  name: string;
  args: string[];
  /** Exit status: 1 for a coded problem, 2 for a wrong command line. */
  status: 1 | 2;
  /** The code printed as `[file:line:col  ]code  message`; none for a wrong command line. */
  code?: string;
  /** The case hung before it was fixed: run only as a process with a timeout. */
  hung?: boolean;
}

const CASES: Case[] = [
  {
    name: "quote --batch /dev/zero",
    args: ["quote", "--batch", "/dev/zero"],
    status: 1,
    code: "file.not-regular",
    hung: true,
  },
  { name: "quote --batch FIFO", args: ["quote", "--batch", fifo], status: 1, code: "file.not-regular", hung: true },
  { name: "quote --batch FOLDER", args: ["quote", "--batch", folder], status: 1, code: "file.not-regular" },
  {
    name: "quote --batch a missing file",
    args: ["quote", "--batch", join(scratch, "missing.ndjson")],
    status: 1,
    code: "file.not-found",
  },
  {
    name: "docs --out /proc",
    args: ["docs", "--rules", one, "--out", "/proc"],
    status: 1,
    code: "file.unwritable",
    hung: true,
  },
  {
    name: "docs --out /proc/self",
    args: ["docs", "--rules", one, "--out", "/proc/self"],
    status: 1,
    code: "file.unwritable",
    hung: true,
  },
  {
    name: "docs --out where index.md is a FIFO",
    args: ["docs", "--rules", one, "--out", siteWithFifo],
    status: 1,
    code: "file.unwritable",
    hung: true,
  },
  { name: "init /proc/x", args: ["init", "/proc/x"], status: 1, code: "file.unwritable", hung: true },
  {
    name: "docs --out an existing file",
    args: ["docs", "--rules", one, "--out", file],
    status: 1,
    code: "file.not-folder",
  },
  {
    name: "docs --out /dev/null",
    args: ["docs", "--rules", one, "--out", "/dev/null"],
    status: 1,
    code: "file.not-folder",
  },
  {
    name: "docs --out a symbolic link to a file",
    args: ["docs", "--rules", one, "--out", linkToFile],
    status: 1,
    code: "file.not-folder",
  },
  {
    name: "docs --out where site/<id> is a file",
    args: ["docs", "--rules", one, "--out", siteWithFile],
    status: 1,
    code: "file.not-folder",
  },
  {
    name: "docs --rules a folder without rule sets",
    args: ["docs", "--rules", folder, "--out", join(scratch, "site-none")],
    status: 1,
    code: "ruleset.not-found",
  },
  { name: "init FILE", args: ["init", file], status: 1, code: "file.not-folder" },
  { name: "init a folder that is not empty", args: ["init", notEmpty], status: 1, code: "file.exists" },
  { name: 'init ""', args: ["init", ""], status: 2 },
  {
    name: "init a folder whose name is no id",
    args: ["init", join(scratch, "Not_An_Id")],
    status: 1,
    code: "ruleset.id",
  },
  { name: "validate /etc", args: ["validate", "/etc"], status: 1, code: "ruleset.not-found" },
  { name: "validate /dev/null", args: ["validate", "/dev/null"], status: 1, code: "file.not-folder" },
  { name: "check /nonexistent", args: ["check", "/nonexistent"], status: 1, code: "file.not-found" },
  { name: "test /nonexistent", args: ["test", "/nonexistent"], status: 1, code: "file.not-found" },
  { name: 'diff --git ""', args: ["diff", "--git", "", inRepo], status: 2 },
  { name: "diff --git an option", args: ["diff", "--git=--output=/tmp/ratecard-owned", inRepo], status: 2 },
  { name: "diff --git HEAD~99999", args: ["diff", "--git", "HEAD~99999", inRepo], status: 1, code: "file.unreadable" },
  {
    name: "diff --git outside a repository",
    args: ["diff", "--git", "HEAD", folder],
    status: 1,
    code: "file.unreadable",
  },
];

/** Every line of standard error is `[file:line:col  ]code  message` (a coded problem), or the usage complaint of a wrong command line. */
function expectCoded(stderr: string, { status, code }: Case): void {
  expect(stderr).not.toMatch(/internal error|fatal:|\bE[A-Z]{3,}\b|TypeError/);
  if (status === 2) {
    expect(stderr).toMatch(/^ratecard: .+\nRun 'ratecard --help' for usage\.\n$/);
    return;
  }
  const lines = stderr.trimEnd().split("\n");
  for (const line of lines) expect(line).toMatch(/^(\S+:\d+:\d+ {2})?[a-z]+\.[a-z-]+ {2}\S.*$/);
  expect(lines.map((line) => line.split("  ").at(-2))).toContain(code);
}

describe("hostile command lines end in seconds with a coded problem", () => {
  it.each(CASES)("$name (built CLI)", { timeout: 30_000 }, (c) => {
    const run = spawnSync(process.execPath, [BIN, ...c.args], {
      encoding: "utf8",
      timeout: 20_000,
      stdio: ["ignore", "pipe", "pipe"],
    });
    expect(run.error?.message, "it did not end within 20 s").toBeUndefined();
    expect(run.status).toBe(c.status);
    expectCoded(run.stderr, c);
  });

  it.each(CASES.filter((c) => !c.hung))("$name (in-process)", async (c) => {
    const { code, stderr } = await cli(c.args);
    expect(code).toBe(c.status);
    expectCoded(stderr, c);
  });

  it("diff --git prints none of git's own messages and writes no file for a revision that looks like an option", () => {
    const run = spawnSync(process.execPath, [BIN, "diff", "--git=--output=/tmp/ratecard-owned", inRepo], {
      encoding: "utf8",
      timeout: 20_000,
    });
    expect(run.stderr).toBe(
      "ratecard: --git takes a git revision such as HEAD, HEAD~1, a tag or a commit, not \"--output=/tmp/ratecard-owned\"\nRun 'ratecard --help' for usage.\n",
    );
    expect(spawnSync("test", ["-e", "/tmp/ratecard-owned"]).status).toBe(1);
  });
});

/** What a run of the built CLI did when the reader of its standard output had gone before it wrote. */
function withClosedOutput(
  args: string[],
  input?: () => string,
): Promise<{ status: number | null; signal: string | null; stderr: string; seconds: number }> {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ["pipe", "pipe", "pipe"] });
    child.stdout.destroy();
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdin.on("error", () => {}); // the CLI has ended: what is left of the input has no reader
    if (input) {
      // Endless input: only the closed output can end the batch.
      const feed = () => {
        while (child.exitCode === null && child.stdin.writable && child.stdin.write(input()));
      };
      child.stdin.on("drain", feed);
      feed();
    } else child.stdin.end();
    child.on("close", (status, signal) => resolve({ status, signal, stderr, seconds: (Date.now() - started) / 1000 }));
  });
}

describe("a closed output pipe ends every command quietly with status 141 (128 + SIGPIPE)", () => {
  const record = `${JSON.stringify({ ruleset: "tencent-im", period: "2026-10", edition: "pro", usage: { dau: 23456, groups: 120000 } })}\n`;
  const batchFile = scratchPath("batch.ndjson", (path) => writeFileSync(path, record.repeat(5_000)));
  const events = scratchPath("events.csv", (path) =>
    writeFileSync(
      path,
      `customer,type,timestamp,amount,status\n${Array.from({ length: 200 }, (_, i) => `c${i},api_request,2026-10-02T00:00:00Z,,`).join("\n")}\n`,
    ),
  );
  const customers = scratchPath("customers.ndjson", (path) => writeFileSync(path, ""));
  const COMMANDS: [string, string[], (() => string)?][] = [
    [
      "quote --batch - with endless input, 2 jobs",
      ["quote", "--batch", "-", "--jobs", "2"],
      () => record.repeat(1_000),
    ],
    ["quote --batch - with endless input, 1 job", ["quote", "--batch", "-", "--jobs", "1"], () => record.repeat(1_000)],
    ["quote --batch FILE", ["quote", "--batch", batchFile]],
    ["quote FILE", ["quote", PRO]],
    ["explain FILE", ["explain", PRO]],
    ["check", ["check"]],
    ["--help", ["--help"]],
    ["meter", ["meter", "--events", events, "--period", "2026-10", "--ruleset", "example-api"]],
    [
      "bill",
      [
        "bill",
        "--events",
        events,
        "--period",
        "2026-10",
        "--ruleset",
        "example-api",
        "--customers",
        customers,
        "--jobs",
        "1",
      ],
    ],
  ];

  it.each(COMMANDS)("%s", { timeout: 60_000 }, async (_, args, input) => {
    const run = await withClosedOutput(args, input);
    expect(run).toMatchObject({ status: 141, signal: null, stderr: "" });
    expect(run.seconds).toBeLessThan(30);
  });

  it("README states the status", () => {
    expect(readFileSync(join(ROOT, "README.md"), "utf8")).toContain("141 when the reader of standard output has gone");
  });
});

describe("standard input without line ends stops with a coded problem, after pricing what came before", () => {
  const record = JSON.stringify({
    ruleset: "tencent-im",
    period: "2026-10",
    mode: "original",
    edition: "pro",
    usage: { dau: 5, groups: 1 },
  });
  const first = scratchPath("first.ndjson", (path) => writeFileSync(path, `${record}\n${record}\n`));
  it.each([["1"], ["2"]])("quote --batch - < FILE /dev/zero, %s job(s)", { timeout: 60_000 }, (jobs) => {
    const run = spawnSync(
      "sh",
      [
        "-c",
        `cat "$1" /dev/zero | "$2" "$3" quote --batch - --lean --jobs ${jobs}`,
        "sh",
        first,
        process.execPath,
        BIN,
      ],
      {
        encoding: "utf8",
        timeout: 45_000,
        maxBuffer: 1024 * 1024,
      },
    );
    expect(run.error?.message, "it did not end within 45 s").toBeUndefined();
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^file\.too-large {2}line 3 of the input runs on past 256 MiB without a line end/m);
    const results = run.stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as { line: number; quote?: unknown });
    expect(results.map((result) => [result.line, result.quote !== undefined])).toEqual([
      [1, true],
      [2, true],
    ]);
  });
});
