"""A loopback server that answers the Hub's model search (`GET /api/models`) from a fixed list.

olah, the Hub mirror the check tests use, does not answer searches offline; this answers them
the way the Hub does (tags ANDed, `search` a substring of the id, sorted, limited), records each
request's query, and can be told to fail with a status code.
"""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

MODELS = [
    {"id": "ltg/norbert3-base", "downloads": 9000, "likes": 12, "pipeline_tag": "fill-mask",
     "library_name": "transformers", "tags": ["transformers", "fill-mask", "no", "nb", "nn"]},
    {"id": "NbAiLab/nb-bert-base", "downloads": 50000, "likes": 30, "pipeline_tag": "fill-mask",
     "library_name": "transformers", "tags": ["transformers", "bert", "fill-mask", "no"]},
    {"id": "someone/nynorsk-bert", "downloads": 15, "likes": 0, "pipeline_tag": "fill-mask",
     "library_name": "transformers", "tags": ["transformers", "bert", "fill-mask", "nn"]},
    {"id": "someone/norsk-gpt", "downloads": 700, "likes": 2, "pipeline_tag": "text-generation",
     "library_name": "transformers", "tags": ["transformers", "gpt2", "text-generation", "no"]},
    {"id": "someone/bert-svensk", "downloads": 800, "likes": 1, "pipeline_tag": "fill-mask",
     "library_name": "transformers", "tags": ["transformers", "bert", "fill-mask", "sv"]},
    {"id": "someone/norsk-bert-flax", "downloads": 20, "likes": 0, "pipeline_tag": "fill-mask",
     "library_name": "flax", "tags": ["flax", "bert", "fill-mask", "no"]},
]


class SearchServer:
    def __init__(self, models: list[dict] | None = None) -> None:
        self.models = models if models is not None else [dict(m) for m in MODELS]
        self.queries: list[dict[str, list[str]]] = []
        self.fail_with: int | None = None
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # http.server's name
                url = urlparse(self.path)
                query = parse_qs(url.query)
                server.queries.append(query)
                if url.path != "/api/models":
                    return self._answer(404, {"error": "not found"})
                if server.fail_with:
                    return self._answer(server.fail_with, {"error": "failing on purpose"})
                self._answer(200, server.answer(query))

            def _answer(self, status: int, body) -> None:
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.endpoint = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05},
                                       daemon=True)

    def answer(self, query: dict[str, list[str]]) -> list[dict]:
        words = (query.get("search") or [""])[0].lower()
        tags = set(query.get("filter", []))
        task = (query.get("pipeline_tag") or [None])[0]
        hits = [m for m in self.models
                if words in m["id"].lower() and tags <= set(m["tags"])
                and (task is None or m["pipeline_tag"] == task)]
        hits.sort(key=lambda m: -m["downloads"])
        limit = int((query.get("limit") or [len(hits)])[0])
        return [{"_id": m["id"], **m} for m in hits[:limit]]

    def __enter__(self) -> SearchServer:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
