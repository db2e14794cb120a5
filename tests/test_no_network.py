"""A scanned repository never makes readycheck touch the network: a schema's remote `$ref`
is not fetched (issue 13, item 1)."""

from __future__ import annotations

import http.server
import json
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest

from readycheck.config import Settings
from readycheck.engine import check


class _Counting(http.server.BaseHTTPRequestHandler):
    hits: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        _Counting.hits.append(self.path)
        body = json.dumps({"const": "from-the-network"}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    httpd = http.server.HTTPServer(("127.0.0.1", 0), _Counting)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    _Counting.hits.clear()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_a_remote_ref_is_never_fetched(tmp_path: Path, server: str) -> None:
    (tmp_path / "SOUL.md").write_text(
        "# Agent\n\nYour output must validate against `schemas/out.schema.json`.\n"
    )
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "type": "object",
        "properties": {"x": {"$ref": f"{server}/remote.json"}},
        "required": ["x"],
    }
    (tmp_path / "schemas").mkdir()
    (tmp_path / "schemas" / "out.schema.json").write_text(json.dumps(schema))
    (tmp_path / "examples").mkdir()
    (tmp_path / "examples" / "out.json").write_text(json.dumps({"x": "anything"}))
    report = check(tmp_path, Settings())
    assert _Counting.hits == []
    assert not any("from-the-network" in f.message for f in report.findings)
