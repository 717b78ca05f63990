import { NextResponse, type NextRequest } from "next/server";
import { newNonce, securityHeadersFor } from "@/lib/share/security-headers";

/** Fresh CSP nonce per request: Next.js puts it on its own inline scripts when it sees it in the request CSP. */
export function proxy(request: NextRequest) {
  const nonce = newNonce();
  const headers = securityHeadersFor(request.nextUrl.pathname, nonce, process.env.NODE_ENV === "development");
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", headers["Content-Security-Policy"]);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  for (const [name, value] of Object.entries(headers)) if (value) response.headers.set(name, value);
  return response;
}

export const config = {
  matcher: [{ source: "/((?!_next/static|_next/image|icon.svg).*)" }],
};
