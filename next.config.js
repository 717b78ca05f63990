/** @type {import('next').NextConfig} */
module.exports = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Lets the dev server hydrate pages opened as 127.0.0.1 (the address the tests and README use).
  allowedDevOrigins: ["127.0.0.1"],
  // ESM-only packages. Listing them here is also what makes next/jest transform them.
  transpilePackages: [
    "nuqs",
    "@tanstack/react-table",
    "@tanstack/table-core",
    "@tanstack/react-store",
    "@tanstack/store",
    "hyparquet",
    "hyparquet-compressors",
    "hysnappy",
  ],
  // The built app reads data/ at request time; make sure the files ship with the server output.
  outputFileTracingIncludes: { "/**": ["./data/**/*"] },
};
