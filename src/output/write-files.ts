import {
  closeSync,
  constants,
  fstatSync,
  ftruncateSync,
  mkdirSync,
  openSync,
  statSync,
  writeSync,
  type Stats,
} from "node:fs";
import { dirname, parse, resolve, sep } from "node:path";
import type { ProblemCode } from "../errors/codes.js";
import { RatecardError } from "../errors/ratecard-error.js";

/**
 * Makes `dir` and the folders above it, one at a time. Node's `mkdirSync(…, { recursive: true })`
 * retries forever where a folder refuses new entries (`/proc`, `/proc/self`); here each step either
 * finds a folder, creates one, or stops with a coded problem.
 */
export function makeFolder(dir: string): void {
  const absolute = resolve(dir);
  let path = parse(absolute).root;
  for (const part of absolute.slice(path.length).split(sep).filter(Boolean)) {
    path = path.endsWith(sep) ? `${path}${part}` : `${path}${sep}${part}`;
    const found = statOf(path);
    if (found?.isDirectory()) continue;
    if (found)
      refuse(
        "file.not-folder",
        `${path} is ${kindOf(found)}, not a folder; give a folder to write into (or a new path)`,
      );
    try {
      mkdirSync(path);
    } catch (error) {
      // Made by someone else meanwhile: fine if it is a folder.
      if (!statOf(path)?.isDirectory())
        refuse("file.unwritable", `cannot create the folder ${path} (${reason(error)})`);
    }
  }
}

/**
 * Writes `text` to `file`, making its folder first. Opened without blocking and checked before a
 * byte is written: a FIFO, device or folder in the way is refused instead of waited on or written through.
 */
export function writeFileIn(file: string, text: string): void {
  makeFolder(dirname(file));
  let fd: number;
  try {
    fd = openSync(file, constants.O_WRONLY | constants.O_CREAT | constants.O_NONBLOCK, 0o666);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EISDIR") refuse("file.not-folder", `${file} is a folder; ratecard writes a file there`);
    refuse("file.unwritable", `cannot write ${file} (${reason(error)})`);
  }
  try {
    const found = fstatSync(fd);
    if (!found.isFile()) refuse("file.unwritable", `${file} is ${kindOf(found)}; ratecard writes only regular files`);
    ftruncateSync(fd, 0);
    const bytes = Buffer.from(text);
    for (let written = 0; written < bytes.length;) written += writeSync(fd, bytes, written);
  } catch (error) {
    if (error instanceof RatecardError) throw error;
    refuse("file.unwritable", `cannot write ${file} (${reason(error)})`);
  } finally {
    closeSync(fd);
  }
}

function statOf(path: string): Stats | undefined {
  try {
    return statSync(path, { throwIfNoEntry: false });
  } catch (error) {
    refuse("file.unwritable", `cannot reach ${path} (${reason(error)})`);
  }
}

function kindOf(found: Stats): string {
  if (found.isFile()) return "a file";
  if (found.isDirectory()) return "a folder";
  if (found.isFIFO()) return "a FIFO";
  if (found.isCharacterDevice() || found.isBlockDevice()) return "a device";
  return "not a regular file";
}

const REASONS: Readonly<Record<string, string>> = {
  EACCES: "permission denied",
  EPERM: "not permitted",
  EROFS: "a read-only file system",
  ENOSPC: "no space left",
  ENOENT: "the folder above takes no new entries",
  ENOTDIR: "a part of the path is not a folder",
  ENXIO: "a FIFO with no reader",
  ELOOP: "its symbolic links form a loop",
};

function reason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code ?? "error";
  return Object.hasOwn(REASONS, code) ? REASONS[code]! : code;
}

function refuse(code: Extract<ProblemCode, "file.not-folder" | "file.unwritable">, message: string): never {
  throw new RatecardError([{ code, message, path: [] }]);
}
