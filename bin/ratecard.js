#!/usr/bin/env node
import { processIO, runCli } from "../dist/cli-bundle/bin.js";

process.exitCode = await runCli(process.argv.slice(2), processIO());
