import { realpathSync } from "node:fs";
import { isAbsolute, join, posix, relative, resolve } from "node:path";
import type { DocPath, Problem, SourcePosition } from "../errors/problem.js";
import { clip } from "../guard/clip.js";
import { LIMITS } from "../guard/limits.js";
import { parseCached } from "./parse-cache.js";
import { readSource } from "./read-source.js";
import { readTextAsync, tooLarge } from "./read-text.js";
import { inMemory, type SourceDocument } from "./source-document.js";
import { checkPlainData } from "./plain-data.js";

/** The file every rule set has, which lists its mode files. */
export const ROOT_FILE = "ruleset.yaml";

/** One rule file read and parsed, or why it could not be. */
interface ReadFile {
  doc?: SourceDocument;
  problems: Problem[];
}

/**
 * Where a rule set's files come from: a folder on disk, a map of file names to texts, or a map of
 * file names to data already parsed. Files are named relative to the rule set (`ruleset.yaml`,
 * `modes/main.yaml`); `listed` is where the file is listed, for a problem about reading it.
 */
export interface RuleFiles {
  /** The folder, or the name given to files in memory (their rule set's id when not given). */
  dir?: string;
  read(file: string, listed?: Listed): ReadFile;
}

/** Where a file is listed: the path into ruleset.yaml and its position. */
export interface Listed {
  path: DocPath;
  source?: SourcePosition | undefined;
}

/** The files of the rule-set folder `dir`. A mode file must lie inside it, after following symbolic links. */
export function folderFiles(dir: string): RuleFiles {
  return {
    dir,
    read(file, listed) {
      if (!insideFolder(dir, file))
        return outside(
          `mode file ${clip(file)} is outside the rule-set folder ${dir}; list files under it, e.g. modes/main.yaml`,
          listed,
        );
      return readSource(join(dir, file), listed?.source);
    },
  };
}

/**
 * folderFiles, with ruleset.yaml and the mode files it lists read ahead without blocking the
 * event loop (all modes at once); parsing and checking then run as for folderFiles.
 */
export async function folderFilesAsync(dir: string): Promise<RuleFiles> {
  const texts = new Map<string, Awaited<ReturnType<typeof readTextAsync>>>();
  const root = await readTextAsync(join(dir, ROOT_FILE));
  texts.set(ROOT_FILE, root);
  if (root.text !== undefined) {
    const listed = modeFilesOf(parseCached(root.text, join(dir, ROOT_FILE)).doc.data).filter((file) =>
      insideFolder(dir, file),
    );
    await Promise.all(listed.map(async (file) => void texts.set(file, await readTextAsync(join(dir, file)))));
  }
  const fromDisk = folderFiles(dir);
  return {
    dir,
    read(file, listed) {
      const read = texts.get(file);
      // A file not read ahead (the root did not parse as expected) is read as folderFiles reads it.
      if (!read || !insideFolder(dir, file)) return fromDisk.read(file, listed);
      return read.text === undefined
        ? refused(read.code, read.message, listed?.source)
        : parseCached(read.text, join(dir, file));
    },
  };
}

/** The mode files a parsed ruleset.yaml lists, as far as it lists strings. */
function modeFilesOf(data: unknown): string[] {
  const modes =
    typeof data === "object" && data !== null && Object.hasOwn(data, "modes")
      ? (data as { modes: unknown }).modes
      : undefined;
  return Array.isArray(modes)
    ? modes.slice(0, LIMITS.arrayItems).filter((file): file is string => typeof file === "string")
    : [];
}

/** Rule files given as texts by name (`{ "ruleset.yaml": "id: …", "modes/main.yaml": "…" }`), parsed as files are. */
export function textFiles(texts: Readonly<Record<string, unknown>>, name?: string): RuleFiles {
  return memoryFiles(texts, name, (value, file, referencedAt) => {
    if (typeof value !== "string")
      return refused("api.argument", `the text of ${clip(file)} must be a string`, referencedAt);
    if (value.length > LIMITS.fileBytes || Buffer.byteLength(value) > LIMITS.fileBytes) {
      const { code, message } = tooLarge(file);
      return refused(code, message, referencedAt);
    }
    return parseCached(value, file);
  });
}

/**
 * Rule files given as data already parsed (from JSON, a database, a bundler). Numbers that are not
 * safe integers become their shortest decimal text, as the YAML loader keeps them (12.99 is read
 * as "12.99"), so the schemas and the exactness rules treat both alike.
 */
export function dataFiles(data: Readonly<Record<string, unknown>>, name?: string): RuleFiles {
  return memoryFiles(data, name, (value, file, referencedAt) => {
    const shape = checkPlainData(value);
    if (shape) return { problems: [{ ...shape, source: referencedAt ?? { file, line: 1, col: 1 } }] };
    return { problems: [], doc: inMemory(exactNumbers(value), file) };
  });
}

type ReadValue = (value: unknown, file: string, referencedAt: SourcePosition | undefined) => ReadFile;

function memoryFiles(
  files: Readonly<Record<string, unknown>>,
  name: string | undefined,
  readValue: ReadValue,
): RuleFiles {
  const names = Object.keys(files);
  return {
    ...(name === undefined ? {} : { dir: name }),
    read(file, listed) {
      const referencedAt = listed?.source;
      const key = posix.normalize(file);
      const shown = name === undefined ? key : posix.join(name, key);
      if (key.startsWith("../") || key === ".." || posix.isAbsolute(key))
        return outside(
          `mode file ${clip(file)} is outside the rule set; name files under it, e.g. modes/main.yaml`,
          listed,
        );
      if (!Object.hasOwn(files, key)) {
        const given = names.length > 10 ? `${names.slice(0, 10).join(", ")}, …` : names.join(", ");
        return refused(
          "file.not-found",
          `no file ${clip(key)} among the files given (${given || "none"})`,
          referencedAt,
        );
      }
      return readValue(files[key], shown, referencedAt);
    },
  };
}

function exactNumbers(value: unknown): unknown {
  if (typeof value === "number") return Number.isSafeInteger(value) || !Number.isFinite(value) ? value : String(value);
  if (Array.isArray(value)) return value.map(exactNumbers);
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, exactNumbers(item)]));
}

function refused(code: Problem["code"], message: string, referencedAt: SourcePosition | undefined): ReadFile {
  return { problems: [{ code, message, path: [], ...(referencedAt ? { source: referencedAt } : {}) }] };
}

function outside(message: string, listed: Listed | undefined): ReadFile {
  return {
    problems: [
      { code: "file.outside", message, path: listed?.path ?? [], ...(listed?.source ? { source: listed.source } : {}) },
    ],
  };
}

function insideFolder(dir: string, file: string): boolean {
  const inside = (root: string, path: string) => {
    const rest = relative(root, path);
    return rest !== "" && !rest.startsWith("..") && !isAbsolute(rest);
  };
  if (!inside(resolve(dir), resolve(dir, file))) return false;
  try {
    return inside(realpathSync(dir), realpathSync(resolve(dir, file)));
  } catch {
    return true; // A missing or unreadable file is reported when it is read.
  }
}
