import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from "node:fs";
import { open, type FileHandle } from "node:fs/promises";
import type { ProblemCode } from "../errors/codes.js";
import { LIMITS } from "../guard/limits.js";
import { groupText } from "../money/format.js";

/** Why a file could not be read as text. */
export interface ReadRefusal {
  text?: undefined;
  code: Extract<
    ProblemCode,
    "file.not-found" | "file.unreadable" | "file.not-regular" | "file.too-large" | "file.encoding"
  >;
  message: string;
}

const UTF8 = new TextDecoder("utf-8", { fatal: true });

/**
 * Reads a regular file of at most LIMITS.fileBytes as strict UTF-8. Devices, FIFOs, folders and
 * symbolic-link loops are refused before a byte is read (opened non-blocking, checked with fstat),
 * so `/dev/zero` or a link to it ends at once; invalid UTF-8 is refused, not turned into U+FFFD.
 */
export function readText(file: string): { text: string } | ReadRefusal {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    return openRefusal(file, (error as NodeJS.ErrnoException).code);
  }
  try {
    const stat = fstatSync(fd);
    const refusal = statRefusal(file, stat);
    if (refusal) return refusal;
    const buffer = Buffer.alloc(stat.size + 1);
    let length = 0;
    for (let read = -1; read !== 0 && length < buffer.length; length += read)
      read = readSync(fd, buffer, length, buffer.length - length, null);
    return decoded(file, buffer, length);
  } catch (error) {
    return readRefusal(file, error);
  } finally {
    closeSync(fd);
  }
}

/** readText without blocking the event loop: the same checks, in the same order. */
export async function readTextAsync(file: string): Promise<{ text: string } | ReadRefusal> {
  let handle: FileHandle;
  try {
    handle = await open(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    return openRefusal(file, (error as NodeJS.ErrnoException).code);
  }
  try {
    const stat = await handle.stat();
    const refusal = statRefusal(file, stat);
    if (refusal) return refusal;
    const buffer = Buffer.alloc(stat.size + 1);
    let length = 0;
    for (let read = -1; read !== 0 && length < buffer.length; length += read)
      read = (await handle.read(buffer, length, buffer.length - length, null)).bytesRead;
    return decoded(file, buffer, length);
  } catch (error) {
    return readRefusal(file, error);
  } finally {
    await handle.close();
  }
}

function statRefusal(file: string, stat: Stats): ReadRefusal | undefined {
  if (!stat.isFile())
    return {
      code: "file.not-regular",
      message: `${file} is ${stat.isDirectory() ? "a folder" : "not a regular file"}; give a YAML or JSON file`,
    };
  return stat.size > LIMITS.fileBytes ? tooLarge(file) : undefined;
}

function decoded(file: string, buffer: Buffer, length: number): { text: string } | ReadRefusal {
  if (length > LIMITS.fileBytes) return tooLarge(file);
  return { text: UTF8.decode(buffer.subarray(0, length)) };
}

function readRefusal(file: string, error: unknown): ReadRefusal {
  if (error instanceof TypeError)
    return { code: "file.encoding", message: `${file} is not valid UTF-8 text; save it as UTF-8` };
  return {
    code: "file.unreadable",
    message: `cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? "error"})`,
  };
}

function openRefusal(file: string, code: string | undefined): ReadRefusal {
  if (code === "ENOENT") return { code: "file.not-found", message: `file ${file} does not exist` };
  if (code === "ELOOP")
    return { code: "file.unreadable", message: `cannot read ${file}: its symbolic links form a loop` };
  if (code === "ENOTDIR")
    return { code: "file.not-found", message: `file ${file} does not exist: a part of its path is not a folder` };
  if (code === "EACCES" || code === "EPERM")
    return { code: "file.unreadable", message: `cannot read ${file}: permission denied` };
  return { code: "file.unreadable", message: `cannot read ${file} (${code ?? "error"})` };
}

/** The refusal of an input larger than LIMITS.fileBytes; `what` names it ("x.yaml", "standard input"). */
export function tooLarge(what: string): ReadRefusal {
  return {
    code: "file.too-large",
    message: `${what} is larger than the limit of ${groupText(String(LIMITS.fileBytes))} bytes`,
  };
}
