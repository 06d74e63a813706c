import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // The validators are generated from schemas/; regenerate them so tests never run stale ones.
    globalSetup: ["test/setup/build-validators.ts"],
  },
});
