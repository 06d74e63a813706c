import { defineConfig, mergeConfig } from "vitest/config";
import base from "./vitest.config.js";

// Mutation runs (stryker.config.json): only tests that run src/ in this process can kill a mutant.
// The browser, packed-package and built-bin tests run dist/ or another process, so they are left out.
export default mergeConfig(
  base,
  defineConfig({
    test: {
      exclude: ["test/browser.test.ts", "test/package.test.ts", "node_modules/**"],
    },
  }),
);
