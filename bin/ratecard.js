#!/usr/bin/env node
import { once } from "node:events";
import { readStream, runCli } from "../dist/cli-bundle/bin.js";

process.exitCode = await runCli(process.argv.slice(2), {
  readStdin: () => readStream(process.stdin),
  stdinStream: () => process.stdin,
  stdout: (text) => process.stdout.write(text),
  drained: async () => {
    if (process.stdout.writableNeedDrain) await once(process.stdout, "drain");
  },
  stderr: (text) => process.stderr.write(text),
  interactive: process.stderr.isTTY === true,
});
