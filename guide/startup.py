"""The classes on <html> as a page arrives, so that the theme's start-up stays short.

Material's page says `class="no-js"`; its bundle swaps that for `js` and marks <html> for its
focus-visible helper as it starts. Any class change on <html> makes the browser restyle the
whole page, inside the bundle's own task (about 15-30 ms on a long page before a phone's 4x
slowdown). So pages are served with the bundle's marks already in place, and its changes change
nothing. What `no-js` did for readers without JavaScript, assets/guide-nojs.css does, loaded
from a <noscript> in the head (overrides/main.html)."""

import re

THEME = re.compile(r'(<html lang="[^"]*") class="no-js">')
SERVED = r'\1 class="js js-focus-visible" data-js-focus-visible="">'


def served(html: str) -> str:
    """The page with the classes it starts with (one <html> element, Material's)."""
    return THEME.sub(SERVED, html, count=1)
