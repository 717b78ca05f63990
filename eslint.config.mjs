import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const config = [
  ...nextVitals,
  ...nextTs,
  // lib/ is cut by domain; a circle between two files means the cut is wrong.
  { files: ["lib/**", "components/**", "app/**", "scripts/**"], rules: { "import/no-cycle": "error" } },
  {
    ignores: [
      ".next/**",
      "node_modules/**",
      "next-env.d.ts",
      "playwright-report/**",
      "test-results/**",
      "coverage/**",
      ".ci-out/**",
    ],
  },
];
export default config;
