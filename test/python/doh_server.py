"""A real DNS-over-HTTPS resolver (JSON API) on a loopback port, answering TXT from a dict."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse


class DohServer:
    def __init__(self) -> None:
        self.records: dict[str, list[str]] = {}
        self._server: ThreadingHTTPServer | None = None

    @property
    def url(self) -> str:
        assert self._server is not None
        return f"http://127.0.0.1:{self._server.server_address[1]}/dns-query"

    def start(self) -> "DohServer":
        records = self.records

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (http.server's name)
                name = parse_qs(urlparse(self.path).query).get("name", [""])[0].lower()
                values = records.get(name)
                answer = [{"name": name, "type": 16, "TTL": 60, "data": json.dumps(v)} for v in values or []]
                body = json.dumps({"Status": 0 if values else 3, "Answer": answer}).encode()
                self.send_response(200)
                self.send_header("content-type", "application/dns-json")
                self.send_header("content-length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self._server:
            self._server.shutdown()
