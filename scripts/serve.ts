// npm start: the built app (npm run build first), with full pages served from memory after their
// first render (lib/server/page-cache.ts). `tsx scripts/serve.ts [-H host] [-p port]`; defaults
// 127.0.0.1:3000, or HOST and PORT from the environment.
import { createServer } from "node:http";
import next from "next";
import { createPageCache } from "@/lib/server/page-cache";

function option(flag: string, fallback: string): string {
  const i = process.argv.lastIndexOf(flag);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

async function main() {
  const hostname = option("-H", process.env.HOST ?? "127.0.0.1");
  const port = Number(option("-p", process.env.PORT ?? "3000"));
  const app = next({ dev: false, hostname, port });
  await app.prepare();
  const render = app.getRequestHandler();
  const cache = createPageCache();
  createServer((req, res) => void cache.handle(req, res, () => render(req, res))).listen(port, hostname, () =>
    console.log(`Label Atlas on http://${hostname}:${port} (pages cached after their first render)`),
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
