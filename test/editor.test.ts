import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { TextDocument } from "vscode-languageserver-textdocument";
import { getLanguageService as currentRelease } from "yaml-language-server";
import { workspaceContext as currentServerPaths } from "yaml-language-server/out/server/src/languageservice/services/schemaRequestHandler.js";
import { getLanguageService as oldestRelease } from "yaml-language-server-1-15";
import { workspaceContext as oldestServerPaths } from "yaml-language-server-1-15/out/server/src/languageservice/services/schemaRequestHandler.js";
import { initRuleSet } from "../src/scaffold/init-ruleset.js";
import { BUNDLED_DIRS, ROOT, RULES } from "./helpers.js";

// The bundled rule files, examples, the tutorial's snippets and `init`'s output, as an author's
// editor sees them: yaml-language-server (the engine of VS Code's YAML extension), the current
// release and the oldest one still in use, driven from Node with schemas read from disk.

/** What the tests use of a release's language service: the same in both. */
interface Settings {
  validate?: boolean;
  completion?: boolean;
  hover?: boolean;
  yamlVersion?: "1.1" | "1.2";
  schemas?: { uri: string; fileMatch: string[] }[];
}
interface Position {
  line: number;
  character: number;
}
interface Service {
  configure(settings: Settings): void;
  doValidation(
    document: TextDocument,
    isKubernetes: boolean,
  ): Promise<{ message: string; range: { start: Position } }[]>;
  doComplete(
    document: TextDocument,
    position: Position,
    isKubernetes: boolean,
  ): Promise<{ items: { label: string }[] }>;
  doHover(document: TextDocument, position: Position): Promise<{ contents: unknown } | null>;
}
interface WorkspaceContext {
  resolveRelativePath(path: string, resource: string): string;
}
type GetLanguageService = (params: {
  schemaRequestService: (uri: string) => Promise<string>;
  workspaceContext: WorkspaceContext;
}) => Service;
/** A release's language service and the path rule its own server hands it (as VS Code runs it). */
type Engine = [getLanguageService: GetLanguageService, workspaceContext: WorkspaceContext];

const ENGINES: [string, Engine][] = [
  [`yaml-language-server ${versionOf("yaml-language-server")}`, [currentRelease, currentServerPaths]],
  [`yaml-language-server ${versionOf("yaml-language-server-1-15")}`, [oldestRelease, oldestServerPaths]],
];
const MODELINE = /^# yaml-language-server: \$schema=\S+\n/;
const TIMEOUT = 120_000;

function versionOf(pkg: string): string {
  return (JSON.parse(readFileSync(join(ROOT, "node_modules", pkg, "package.json"), "utf8")) as { version: string })
    .version;
}

/** A language service as the editor runs it, with schemas read from disk only (an https `$ref` fails). */
function service([getLanguageService, workspaceContext]: Engine, settings: Settings = {}): Service {
  const yaml = getLanguageService({
    schemaRequestService: (uri) =>
      uri.startsWith("file:")
        ? Promise.resolve(readFileSync(fileURLToPath(uri), "utf8"))
        : Promise.reject(new Error(`no network in tests: ${uri}`)),
    workspaceContext,
  });
  yaml.configure({ validate: true, completion: true, hover: true, yamlVersion: "1.2", ...settings });
  return yaml;
}

/**
 * VS Code's `yaml.schemas` setting from the README, as the server applies it: the schema paths
 * (under node_modules/ratecard/, which is this repository) made absolute, the globs kept.
 */
function readmeSchemaSettings(): Settings {
  const block = /```json\n(\{\n\s+"yaml\.schemas"[\s\S]*?)```/.exec(readFileSync(join(ROOT, "README.md"), "utf8"));
  if (!block) throw new Error('README.md has no json block with "yaml.schemas"');
  const settings = JSON.parse(block[1]!) as { "yaml.schemas": Record<string, string | string[]> };
  const schemas = Object.entries(settings["yaml.schemas"]).map(([path, globs]) => ({
    uri: pathToFileURL(resolve(ROOT, path.replace("./node_modules/ratecard/", ""))).toString(),
    fileMatch: Array.isArray(globs) ? globs : [globs],
  }));
  return { schemas };
}

interface Doc {
  name: string;
  path: string;
  text: string;
}

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? yamlFiles(path) : entry.name.endsWith(".yaml") ? [path] : [];
  });
}

const onDisk = (path: string, name = relative(ROOT, path)): Doc => ({ name, path, text: readFileSync(path, "utf8") });

/** The tutorial's files, placed where it tells the reader to put them (rules/chat-demo/). */
function tutorialDocs(): Doc[] {
  const text = readFileSync(join(ROOT, "docs", "tutorial.md"), "utf8");
  const snippets = [...text.matchAll(/(?:<!-- tutorial-file: (\S+) -->\n)?```yaml\n([\s\S]*?)```/g)];
  return snippets.map(([, file, body], i) => {
    if (!file) throw new Error(`docs/tutorial.md: YAML snippet ${i + 1} names no tutorial-file`);
    return { name: `docs/tutorial.md: ${file}`, path: join(RULES, "chat-demo", file), text: body! };
  });
}

function initDocs(): Doc[] {
  const dir = join(mkdtempSync(join(tmpdir(), "ratecard-editor-")), "rules", "my-product");
  return initRuleSet(dir).map((path) => onDisk(path, `init: ${relative(dir, path)}`));
}

const DOCS: Doc[] = [
  ...[...BUNDLED_DIRS.flatMap(yamlFiles), ...yamlFiles(join(ROOT, "examples"))].map((path) => onDisk(path)),
  ...tutorialDocs(),
  ...initDocs(),
];

let version = 0;
function textDocument(path: string, text: string): TextDocument {
  return TextDocument.create(pathToFileURL(path).toString(), "yaml", ++version, text);
}

/** Diagnostics as `line: message`, lines counted from 1. */
async function diagnostics(yaml: Service, path: string, text: string): Promise<string[]> {
  const found = await yaml.doValidation(textDocument(path, text), false);
  return found.map((d) => `${d.range.start.line + 1}: ${d.message}`);
}

/** A key no schema allows, added at the end of a document: proof that a schema applies to it. */
const PROBE = "not-a-ratecard-key: 1\n";
const probeLine = (text: string) => text.split("\n").length;

/** What the engines write to the console (schema loading problems, recursion errors): nothing. */
const logged: string[] = [];
beforeAll(() => {
  for (const method of ["log", "info", "warn", "error"] as const)
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(" ")));
});
afterAll(() => {
  vi.restoreAllMocks();
});

describe.each(ENGINES)("%s", (_, engine) => {
  beforeAll(() => void logged.splice(0));

  it("has every kind of document to check", () => {
    expect(DOCS.length).toBeGreaterThan(40);
    expect(DOCS.filter((d) => d.name.startsWith("docs/tutorial.md")).length).toBe(3);
    expect(DOCS.filter((d) => d.name.startsWith("init:")).length).toBe(3);
    expect(DOCS.filter((d) => !MODELINE.test(d.text)).map((d) => d.name)).toEqual([]);
  });

  it.each([
    ["the modeline", () => service(engine), (text: string) => text],
    [
      "the README's yaml.schemas globs",
      () => service(engine, readmeSchemaSettings()),
      (text: string) => text.replace(MODELINE, "# (no modeline)\n"),
    ],
  ])(
    "finds nothing wrong in any bundled file, example, tutorial snippet or init output, schemas found by %s",
    async (_, make, prepare) => {
      const yaml = make();
      const problems: Record<string, string[]> = {};
      for (const doc of DOCS) {
        const text = prepare(doc.text);
        const found = await diagnostics(yaml, doc.path, text);
        const probed = await diagnostics(yaml, doc.path, text + PROBE);
        if (found.length) problems[doc.name] = found;
        // The schema did apply: the probe key is flagged, on its line, and alone.
        if (probed.length !== 1 || !probed[0]!.startsWith(`${probeLine(text)}: `))
          problems[`${doc.name} + probe`] = probed;
      }
      expect(problems).toEqual({});
    },
    TIMEOUT,
  );

  const tutorial = Object.fromEntries(
    tutorialDocs().map((d) => [d.path.slice(join(RULES, "chat-demo").length + 1), d]),
  );
  const mistakes: [string, string, string, string, string][] = [
    // name, file, find, replace, the line the mistake is on
    [
      "a misspelt key",
      "modes/main.yaml",
      "    quotas:\n      users: { included: 1000 }",
      "    qoutas:\n      users: { included: 1000 }",
      "    qoutas:",
    ],
    ["an unknown top-level key", "modes/main.yaml", "meters:", "meter:\n  - id: x\nmeters:", "meter:"],
    ["a price with a decimal comma", "modes/main.yaml", "    fee: 29", "    fee: 10,00", "    fee: 10,00"],
    ["a negative price", "modes/main.yaml", "    fee: 29", "    fee: -29", "    fee: -29"],
    ["a word where a number belongs", "ruleset.yaml", "scale: 2", "scale: two", "money: { currency: USD, scale: two"],
    ["a missing required key", "modes/main.yaml", "  - id: pro\n    name: Pro\n", "  - id: pro\n", "  - id: pro"],
    [
      "a meter named by its name, not its id",
      "modes/main.yaml",
      "    meter: users",
      "    meter: Peak users",
      "    meter: Peak users",
    ],
    ["an unknown pricing model", "modes/main.yaml", "model: block,", "model: blocks,", "    price: { model: blocks"],
    [
      "an operator conditions may not use",
      "modes/main.yaml",
      "when: { in: [",
      "when: { regex: [",
      "      when: { regex",
    ],
    [
      "a usage key that is not a meter id",
      "examples/pro-with-history.yaml",
      "usage: { users:",
      "usage: { Users:",
      "usage: { Users:",
    ],
    ["an impossible month", "examples/pro-with-history.yaml", "period: 2026-03", "period: 2026-13", "period: 2026-13"],
  ];
  it.each(mistakes)(
    "flags %s on its line",
    async (_, file, find, replace, marker) => {
      const doc = tutorial[file]!;
      expect(doc.text).toContain(find);
      const text = doc.text.replace(find, replace);
      const line = text.split("\n").findIndex((l) => l.startsWith(marker)) + 1;
      expect(line).toBeGreaterThan(0);
      const found = await diagnostics(service(engine), doc.path, text);
      expect(found.length, found.join("\n")).toBeGreaterThan(0);
      expect(found.filter((d) => !d.startsWith(`${line}: `))).toEqual([]);
    },
    TIMEOUT,
  );

  it(
    "completes the keys of an edition",
    async () => {
      const doc = tutorial["modes/main.yaml"]!;
      const text = doc.text.replace("charges:", "  - id: team\n    \ncharges:");
      const line = text.split("\n").indexOf("    ");
      const completion = await service(engine).doComplete(textDocument(doc.path, text), { line, character: 4 }, false);
      const labels = completion.items.map((item) => item.label);
      expect(labels).toEqual(
        expect.arrayContaining([
          "name",
          "fee",
          "quotas",
          "entitlements",
          "validity",
          "default",
          "minimumSpend",
          "feeInterval",
        ]),
      );
      expect(labels).not.toContain("id");
    },
    TIMEOUT,
  );

  const hovers: [string, string, string][] = [
    // file, the line hovered (on its key), the schema node whose description it shows
    ["modes/main.yaml", "    quotas:", "mode.schema.json#/$defs/edition/properties/quotas"],
    ["modes/main.yaml", "    fee: 29", "mode.schema.json#/$defs/edition/properties/fee/oneOf/2"],
    ["ruleset.yaml", "billing:", "ruleset.schema.json#/properties/billing"],
    ["examples/pro-with-history.yaml", "period:", "usage.schema.json#/properties/period"],
  ];
  it.each(hovers)(
    "shows on hover the description of the key in %s: %s",
    async (file, lineText, pointer) => {
      const doc = tutorial[file]!;
      const line = doc.text.split("\n").findIndex((l) => l.startsWith(lineText));
      expect(line).toBeGreaterThanOrEqual(0);
      const hover = await service(engine).doHover(textDocument(doc.path, doc.text), {
        line,
        character: lineText.search(/\S/) + 1,
      });
      const shown = (hover?.contents as { value: string } | undefined)?.value ?? "";
      const [schema, path] = pointer.split("#");
      let node = JSON.parse(readFileSync(join(ROOT, "schemas", schema!), "utf8")) as Record<string, unknown>;
      for (const key of path!.split("/").slice(1)) node = node[key] as Record<string, unknown>;
      // Markdown escapes (\` \( \.) removed: the text is the schema's description.
      expect(shown.replace(/\\(.)/g, "$1")).toContain(node.description as string);
    },
    TIMEOUT,
  );

  // Last, so that it sees what every test above made the engine write.
  it("writes nothing to the console: no schema that fails to load, no recursion error", () => {
    expect(logged).toEqual([]);
  });
});
