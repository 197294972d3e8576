"""Headless Chromium (Debian's package) driven by Playwright, and axe-core checks.

Playwright never downloads a browser here: it launches /usr/bin/chromium. axe-core comes from
npm (pinned in package-lock.json) and is injected into the page under test.
"""

import json
import shutil
import threading
from pathlib import Path

from werkzeug.serving import make_server

ROOT = Path(__file__).resolve().parents[2]
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
# WCAG 2.0, 2.1 and 2.2, levels A and AA.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]


def chromium_path() -> str | None:
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None


def buffered(app):
    """The app with each response body read whole (and its file closed) before it is sent.

    Werkzeug's development server skips closing a response (a static file, say) when the
    browser drops the connection while the server is draining it: the file is left to the
    garbage collector, a ResourceWarning, an error in these tests. Test pages are small."""

    def serve(environ, start_response):
        chunks = app(environ, start_response)
        try:
            body = b"".join(chunks)
        finally:
            if hasattr(chunks, "close"):
                chunks.close()
        return [body]

    return serve


class LiveServer:
    """The app served by Werkzeug in a background thread on a free local port."""

    def __init__(self, app):
        self.app = app
        self.server = make_server("127.0.0.1", 0, buffered(app), threaded=True)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def start(self) -> "LiveServer":
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.thread.join(timeout=10)


def axe_violations(page, context=None) -> list[dict]:
    """Run axe-core on the page as it is now; return the WCAG 2.2 A/AA violations."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=AXE_JS.read_text())
    options = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}
    result = page.evaluate(
        "([context, options]) => axe.run(context || document, options)",
        [context, options],
    )
    return result["violations"]


def format_violations(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        targets = [json.dumps(n["target"]) for n in v["nodes"][:5]]
        lines.append(f"{v['id']} ({v['impact']}): {v['help']} at {', '.join(targets)}")
    return "\n".join(lines)


def assert_accessible(page, context=None) -> None:
    violations = axe_violations(page, context)
    assert not violations, f"axe-core found violations on {page.url}:\n" + format_violations(
        violations
    )
