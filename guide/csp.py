"""The Content-Security-Policy the guide is built for: nothing from another host, no inline script.

Pages carry it in a <meta> tag; hosts that can send headers should send `HEADER` (which adds what
a <meta> tag cannot: frame-ancestors). scripts/build.py writes both into site/_headers.
"""

DIRECTIVES = (
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval'",   # Pagefind's search runs as WebAssembly
    "style-src 'self'",
    "img-src 'self' data:",          # Material's icons are data: URIs in its CSS
    "font-src 'self'",
    "connect-src 'self'",            # the search index, fetched on the first query
    "worker-src 'self'",             # the search worker
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
)
POLICY = "; ".join(DIRECTIVES)
HEADER = POLICY + "; frame-ancestors 'none'"
