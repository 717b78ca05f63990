import nextJest from "next/jest.js";

const createJestConfig = nextJest({ dir: "./" });

export default createJestConfig({
  testEnvironment: "jsdom",
  setupFilesAfterEnv: ["<rootDir>/jest.setup.ts"],
  testMatch: ["<rootDir>/__tests__/**/*.test.{ts,tsx}"],
  // Two cores shared with a build on CI: rendering a table can take longer than Jest's default 5 s there.
  testTimeout: 20_000,
  moduleNameMapper: { "^@/(.*)$": "<rootDir>/$1" },
  // The real-data tests read 100k-row files; on a loaded 2-core machine that exceeds jest's 5 s default.
  testTimeout: 30_000,
});
