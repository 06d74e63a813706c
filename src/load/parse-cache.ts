import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import type { Problem } from "../errors/problem.js";
import { parseSource, type SourceDocument } from "./source-document.js";

/** Bumped whenever parsing could give different data for the same text (number tags, limits). */
const FORMAT = "ratecard-parse-2";

/**
 * Rule files parsed once per content: the data of a file that parsed cleanly is kept as JSON
 * under the SHA-256 of its text, in the user's cache folder (RATECARD_CACHE_DIR, default
 * ~/.cache/ratecard; RATECARD_CACHE=off turns it off). A hit skips the YAML parser; positions
 * are recovered by parsing only when a problem needs one. The data is still validated and
 * checked on every load, and a cache that cannot be read or written is simply not used.
 */
export function parseCached(text: string, file: string): { doc: SourceDocument; problems: Problem[] } {
  const dir = cacheDir();
  if (!dir) return parseSource(text, file);
  const entry = join(dir, `${createHash("sha256").update(FORMAT).update("\0").update(text).digest("hex")}.json`);
  const hit = readEntry(entry);
  if (hit !== undefined) {
    let located: SourceDocument | undefined;
    return {
      doc: { file, data: hit, locate: (path, at) => (located ??= parseSource(text, file).doc).locate(path, at) },
      problems: [],
    };
  }
  const parsed = parseSource(text, file);
  if (!parsed.problems.length) writeEntry(dir, entry, parsed.doc.data);
  return parsed;
}

function cacheDir(): string | undefined {
  if (process.env.RATECARD_CACHE === "off") return undefined;
  return process.env.RATECARD_CACHE_DIR || join(homedir(), ".cache", "ratecard");
}

function readEntry(entry: string): unknown {
  try {
    return JSON.parse(readFileSync(entry, "utf8")) as unknown;
  } catch {
    return undefined;
  }
}

function writeEntry(dir: string, entry: string, data: unknown): void {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    // Written aside and renamed, so a reader never sees half an entry.
    const temporary = `${entry}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify(data), { mode: 0o600 });
    renameSync(temporary, entry);
  } catch {
    // A cache that cannot be written is not used; loading goes on.
  }
}
