// Lint: typescript-eslint with type information, plus the rules that matter for a billing tool.
import js from "@eslint/js";
import vitest from "@vitest/eslint-plugin";
import tseslint from "typescript-eslint";
import noFloatMoney from "./lint-rules/no-float-money.js";

export default tseslint.config(
  {
    ignores: [
      ".bench/",
      ".stryker-tmp/",
      "reports/",
      "dist/",
      "coverage/",
      "docs/",
      "test-output/",
      "generated/",
      "node_modules/",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: {
          allowDefaultProject: [
            "*.js",
            "*.mjs",
            "vitest.config.ts",
            "vitest.stryker.config.ts",
            "scripts/*.mjs",
            "lint-rules/*.js",
            "bin/*.js",
          ],
        },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    plugins: { ratecard: { rules: { "no-float-money": noFloatMoney } } },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" },
      ],
      // Maps from documents are read by own property only (guard/own.ts, Object.hasOwn).
      "no-restricted-syntax": [
        "error",
        {
          selector: "BinaryExpression[operator='in']",
          message: "`in` finds inherited members (constructor, toString); use Object.hasOwn() or own().",
        },
      ],
      "no-prototype-builtins": "error",
      // Types such as `"unlimited" | DecimalText` name the literal on purpose: it documents the value.
      "@typescript-eslint/no-redundant-type-constituents": "off",
    },
  },
  {
    // Tests poke at values of unknown shape on purpose (hostile inputs, parsed JSON).
    files: ["test/**/*.ts", "bench/**/*.ts"],
    rules: {
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-unsafe-argument": "off",
      "@typescript-eslint/no-unsafe-call": "off",
      "@typescript-eslint/no-unsafe-return": "off",
      "@typescript-eslint/unbound-method": "off",
      "@typescript-eslint/require-await": "off",
    },
  },
  {
    // A test must be able to fail: an assertion in every test, none only in a branch or a catch, every expect awaited or called.
    files: ["test/**/*.ts"],
    plugins: { vitest },
    rules: {
      ...vitest.configs.recommended.rules,
      "vitest/expect-expect": ["error", { assertFunctionNames: ["expect", "expect.*", "expectGolden", "fc.assert"] }],
      "vitest/no-disabled-tests": "error",
      // vitest's expect takes a message as its second argument.
      "vitest/valid-expect": ["error", { maxArgs: 2 }],
      "vitest/require-to-throw-message": "error",
    },
  },
  { files: ["src/**/*.ts"], rules: { "ratecard/no-float-money": "error" } },
  { files: ["**/*.js", "**/*.mjs"], ...tseslint.configs.disableTypeChecked },
  {
    files: ["bin/*.js", "scripts/*.mjs", "lint-rules/*.js"],
    languageOptions: { globals: { process: "readonly", console: "readonly", Buffer: "readonly" } },
  },
);
