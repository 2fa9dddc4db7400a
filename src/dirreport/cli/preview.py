"""``dirreport preview``: the HTML edition rebuilt on every save, served locally with live reload.

Only 127.0.0.1 is served.  The page is made by the build's own steps
(``pipeline.live``), marked DRAFT if it is a draft, and kept in memory:
``_output/`` is never touched, so previewing cannot change the published
report.  A save re-renders only the section it changed; a failed build shows
its messages in the page instead of the report.
"""

from __future__ import annotations

import html
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import click

from dirreport.errors import DirreportError
from dirreport.pipeline.live import LivePreview
from dirreport.render.page_safety import with_script

RELOAD = """
(function () {
  var source = new EventSource("/__events");
  source.onmessage = function () { window.location.reload(); };
})();
"""
RELOAD_SCRIPT = f"<script>{RELOAD}</script>"


class State:
    """The page to serve and a counter that moves on every rebuild."""

    def __init__(self) -> None:
        self.version = 0
        self.page = b""
        self.changed = threading.Condition()

    def publish(self, page: bytes) -> None:
        with self.changed:
            self.page = page
            self.version += 1
            self.changed.notify_all()


def rebuild(live: LivePreview, state: State, changed: list[Path] | None = None) -> None:
    try:
        # the page's policy allows the template's script only: the reload script is added to it by its hash
        page = with_script(live.page(changed or ()), RELOAD).encode("utf-8")
        click.echo(f"rebuilt {time.strftime('%H:%M:%S')}")
    except DirreportError as error:
        lines = "".join(f"<li>{html.escape(p.located())}</li>" for p in error.problems)
        page = (
            f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>Build failed</title></head>"
            f"<body><main><h1>The build failed</h1><ul>{lines}</ul></main>{RELOAD_SCRIPT}</body></html>"
        ).encode()
        for problem in error.problems:
            click.echo(f"error: {problem.located()}", err=True)
    state.publish(page)


def handler_for(state: State) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            return

        def do_GET(self) -> None:
            if self.path == "/__events":
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.send_header("Cache-Control", "no-cache")
                self.end_headers()
                seen = state.version
                with state.changed:
                    state.changed.wait_for(lambda: state.version != seen, timeout=600)
                try:
                    self.wfile.write(b"data: reload\n\n")
                    self.wfile.flush()
                except OSError:
                    pass
                return
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(state.page)

    return Handler


def serve(root: Path, port: int, lang: str) -> None:
    from watchfiles import watch

    root = root.resolve()
    state = State()
    live = LivePreview(root, lang)
    rebuild(live, state)
    server = ThreadingHTTPServer(("127.0.0.1", port), handler_for(state))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    click.echo(f"serving http://127.0.0.1:{port}/ ; press Ctrl-C to stop")

    def relevant(_change: object, path: str) -> bool:
        parts = Path(path).relative_to(root).parts
        return bool(parts) and parts[0] not in ("_output", ".dirreport-cache", ".git")

    try:
        for changes in watch(root, watch_filter=relevant):
            rebuild(live, state, [Path(path) for _change, path in changes])
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
