interface SecurityHeaderOptions {
  nonce: string;
  /** The dev server's React refresh needs eval; production never gets it. */
  dev?: boolean;
  /** Embed views may be framed by any site; every other page by none. */
  embed?: boolean;
}

/** Headers for every page and API response. */
type SecurityHeaders = Record<
  "Content-Security-Policy" | "X-Content-Type-Options" | "Referrer-Policy" | "Permissions-Policy",
  string
> & {
  "X-Frame-Options"?: string;
};

export function buildSecurityHeaders({ nonce, dev = false, embed = false }: SecurityHeaderOptions): SecurityHeaders {
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    // Charts and Next set style attributes; styles cannot run code, so inline styles are allowed.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    embed ? "frame-ancestors *" : "frame-ancestors 'none'",
  ].join("; ");
  return {
    "Content-Security-Policy": csp,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    ...(embed ? {} : { "X-Frame-Options": "DENY" }),
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
  };
}

/** A fresh, unguessable nonce for one response's inline scripts. */
export function newNonce(): string {
  return Buffer.from(crypto.randomUUID()).toString("base64");
}

/** The headers for a response to `pathname` (embed views may be framed). */
export function securityHeadersFor(pathname: string, nonce: string, dev = false): SecurityHeaders {
  return buildSecurityHeaders({ nonce, dev, embed: pathname.startsWith("/embed/") });
}
