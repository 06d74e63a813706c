// The layer rule of src/ (README "Layout"), checked by `npm run lint`.
// A folder may import from its own folder and from folders below it in LAYERS, never from one above:
// so there is no import against the pipeline's order and no cycle between folders by construction.
const LAYERS = [
  // Foundations: limits and safe reads, problems, money, dates, JSON Logic, the data model.
  "package-root.ts",
  "guard",
  "errors",
  "money",
  "calendar",
  "logic",
  "model",
  "output",
  // The pipeline, in its order.
  "load",
  "validate",
  "check",
  "compile",
  "usage",
  "evaluate",
  "rulesets",
  "decide",
  "runtime",
  "render",
  // Tools built on the pipeline, each above what it uses.
  "lint",
  "examples",
  "diff",
  "meter",
  "batch",
  "bill",
  "docs",
  "scaffold",
  "import",
  "browser",
  // The public facade, the command line, and the package's entry point.
  "api.ts",
  "cli",
  "index.ts",
];

const pathOf = (layer) => (layer.endsWith(".ts") ? `^src/${layer.replace(".", "\\.")}$` : `^src/${layer}/`);

const layerRules = LAYERS.slice(0, -1).map((layer, index) => ({
  name: `layer-${layer.replace(".ts", "")}`,
  comment: `${layer} may not import a layer above it: ${LAYERS.slice(index + 1).join(", ")}`,
  severity: "error",
  from: { path: pathOf(layer) },
  to: { path: LAYERS.slice(index + 1).map(pathOf) },
}));

export default {
  forbidden: [
    ...layerRules,
    {
      name: "no-cycle",
      comment: "No module imports itself through others.",
      severity: "error",
      from: {},
      to: { circular: true },
    },
    {
      name: "library-not-cli",
      comment: "The library never imports the command line; only the package entry point re-exports runCli.",
      severity: "error",
      from: { path: "^src/", pathNot: ["^src/cli/", "^src/index\\.ts$"] },
      to: { path: "^src/cli/" },
    },
    {
      name: "api-is-the-top",
      comment: "api.ts is the public facade: only cli/ and index.ts import it.",
      severity: "error",
      from: { path: "^src/", pathNot: ["^src/cli/", "^src/index\\.ts$"] },
      to: { path: "^src/api\\.ts$" },
    },
    {
      name: "every-module-placed",
      comment: "Every module of src/ belongs to a layer above (add a new folder to LAYERS).",
      severity: "error",
      from: { path: "^src/", pathNot: LAYERS.map(pathOf) },
      to: {},
    },
  ],
  options: {
    doNotFollow: { path: ["node_modules", "generated"] },
    exclude: { path: ["^generated/"] },
    includeOnly: "^src/",
    // Type-only imports count: a type from a higher layer is a dependency on it all the same.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { extensions: [".ts", ".js"] },
  },
};
