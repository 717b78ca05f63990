/** @type {import('next').NextConfig} */
module.exports = {
  reactStrictMode: true,
  poweredByHeader: false,
  // ESM-only packages. Listing them here is also what makes next/jest transform them.
  transpilePackages: ["nuqs", "@tanstack/react-table", "@tanstack/table-core", "@tanstack/react-store", "@tanstack/store"],
  // The built app reads data/ at request time; make sure the files ship with the server output.
  outputFileTracingIncludes: { "/**": ["./data/**/*"] },
};
