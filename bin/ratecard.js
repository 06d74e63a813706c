#!/usr/bin/env node
import { runCli } from "../dist/cli/main.js";
import { readStream } from "../dist/cli/stdin.js";

process.exitCode = await runCli(process.argv.slice(2), {
  readStdin: () => readStream(process.stdin),
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
