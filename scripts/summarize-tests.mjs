// Prints one plain line over both runners: "N passed, N failed, N skipped".
import { existsSync, readFileSync } from "node:fs";

const [jestFile, e2eFile] = process.argv.slice(2);
const read = (f) => (f && existsSync(f) ? JSON.parse(readFileSync(f, "utf8")) : null);
const jest = read(jestFile);
const e2e = read(e2eFile)?.stats;
const passed = (jest?.numPassedTests ?? 0) + (e2e?.expected ?? 0);
const failed =
  (jest ? jest.numFailedTests + jest.numRuntimeErrorTestSuites : 1) + (e2e ? e2e.unexpected + e2e.flaky : 1);
const skipped = (jest?.numPendingTests ?? 0) + (jest?.numTodoTests ?? 0) + (e2e?.skipped ?? 0);
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
