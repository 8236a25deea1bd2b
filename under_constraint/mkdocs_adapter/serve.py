"""What only `mkdocs serve` needs: live reload that the page's policy allows.

MkDocs' server adds an inline script to every page it serves, with the build's epoch
written into it. The site's Content-Security-Policy allows only the theme's own inline
scripts, by hash, and a script that changes with every build cannot be pinned. So,
while serving, the same script is published as a file and the server adds a tag that
loads it, with the epoch in a data attribute. `mkdocs build` is untouched.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path

SCRIPT_URI = "assets/uc-livereload.js"
_SCRIPT = Path(__file__).with_name("livereload.js")

log = logging.getLogger("mkdocs.hooks.under_constraint")


def script_text() -> str:
    return _SCRIPT.read_text(encoding="utf-8")


def reload_tag(script_url: str, epoch: int, request_id: int) -> bytes:
    return (f'<script src="{script_url}" data-epoch="{int(epoch)}" '
            f'data-request="{int(request_id)}"></script>').encode("ascii")


def inject_reload(content: bytes, script_url: str, epoch: int, request_id: int) -> bytes:
    """The page with the reload tag before `</body>`, where MkDocs puts its own script."""
    end = content.rfind(b"</body>")
    end = len(content) if end < 0 else end
    return content[:end] + reload_tag(script_url, epoch, request_id) + content[end:]


def use_reload_file(server, script_url: str):
    """Make the server load the reload script from `script_url` instead of inline."""
    if not callable(getattr(server, "_inject_js_into_html", None)):
        # A later MkDocs may inject differently; say so rather than fail silently.
        log.warning("live reload: this MkDocs has no _inject_js_into_html; pages will not reload")
        return server

    def inject(content: bytes, epoch: int) -> bytes:
        return inject_reload(content, script_url, epoch, time.monotonic_ns() // 1000)

    server._inject_js_into_html = inject
    return server
